"""Supervision, findings and rectification use cases against a real database (both backends)."""
