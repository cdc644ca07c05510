"""A rectification item can be voided (作废): when, by whom and why; it is kept.

Revision ID: 0008
Revises: 0004_documents
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def upgrade() -> None:
    op.add_column("rectification_item", sa.Column("voided_at", TIMESTAMP, nullable=True))
    op.add_column("rectification_item", sa.Column("voided_by", sa.String(128), nullable=True))
    op.add_column("rectification_item", sa.Column("void_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rectification_item") as table:
        table.drop_column("void_reason")
        table.drop_column("voided_by")
        table.drop_column("voided_at")
