"""Supervision, findings, rectification ledgers and urge notices (督查、整改台账、催办)."""
