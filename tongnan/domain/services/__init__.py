"""Use cases: each owns one transaction, checks who may act, and writes its audit events."""
