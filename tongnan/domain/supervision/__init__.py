"""Supervision: supervisions, findings, rectification items, the ledger and its .xlsx files."""
