"""Edit counters for the objects edited in place that had none: tasks (due dates), units
(a group's members), reporting rounds (closing) and assignments (due dates); existing rows
start at version 1.

Revision ID: 0009
Revises: 0004_documents
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("task", "unit", "reporting_round", "assignment")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("version", server_default=None)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
