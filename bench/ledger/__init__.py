"""Ledger benchmark: round trips of the rectification-ledger queries at scale."""
