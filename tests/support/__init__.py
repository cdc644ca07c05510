"""Test support: per-run databases on SQLite and PostgreSQL."""
