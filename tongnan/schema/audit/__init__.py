"""The audit chain's state and its verification (the office's 审计 page)."""
