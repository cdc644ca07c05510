"""What a notice says about a task besides its units: the headings above it (path), the
leaders named for it, its 完成时限 as written and read (a date, recurring, ongoing), and whether
its unit list ended in 等 (open-ended); the task's own label widened for labels such as (十二).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.alter_column("label", type_=sa.String(32), existing_nullable=False)
        batch.add_column(sa.Column("path", JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("leaders", JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("deadline_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("deadline_kind", sa.String(16), nullable=True))
        batch.add_column(
            sa.Column("units_open_ended", BOOL, nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("task") as batch:
        batch.alter_column("path", server_default=None)
        batch.alter_column("leaders", server_default=None)
        batch.alter_column("units_open_ended", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("task") as batch:
        for column in ("units_open_ended", "deadline_kind", "deadline_text", "leaders", "path"):
            batch.drop_column(column)
        batch.alter_column("label", type_=sa.String(16), existing_nullable=False)
