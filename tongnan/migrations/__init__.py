"""Alembic revisions: the hand-written DDL of the database (run with ``tongnan migrate``)."""
