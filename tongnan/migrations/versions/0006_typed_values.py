"""Reported values keep the text the unit typed (2.4万, 8420元, 99%) beside the number.

Revision ID: 0006
Revises: 0004_documents
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("target_value", sa.Column("value_typed", sa.String(64), nullable=True))
    op.add_column("target_value", sa.Column("baseline_typed", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("target_value") as batch:
        batch.drop_column("baseline_typed")
        batch.drop_column("value_typed")
