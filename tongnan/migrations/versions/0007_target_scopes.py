"""Targets' scopes (what a target measures) and the units' shares of an allocated quota.

Existing targets get the scope their wording suggests, by the importer's own rule.

Revision ID: 0007
Revises: 0004_documents
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tongnan.domain.common.values import Comparator
from tongnan.domain.parsing.scopes import propose_scope

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

DECIMAL = sa.Numeric(20, 4).with_variant(sa.String(40), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("target") as batch:
        batch.add_column(
            sa.Column("scope", sa.String(16), nullable=False, server_default="EACH_UNIT")
        )
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    target = sa.table(
        "target",
        sa.column("id", sa.Integer()),
        sa.column("metric", sa.Text()),
        sa.column("text", sa.Text()),
        sa.column("comparator", sa.String(16)),
        sa.column("unit_of_measure", sa.String(16)),
        sa.column("scope", sa.String(16)),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            target.c.id,
            target.c.metric,
            target.c.text,
            target.c.comparator,
            target.c.unit_of_measure,
        )
    ).all()
    for id_, metric, text, comparator, unit in rows:
        scope = propose_scope(metric, text, Comparator(comparator), unit)
        bind.execute(target.update().where(target.c.id == id_).values(scope=scope.value))
    op.create_table(
        "target_share",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "target_id",
            sa.Integer(),
            sa.ForeignKey("target.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "unit_id", sa.Integer(), sa.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False
        ),
        sa.Column("share", DECIMAL, nullable=False),
        sa.UniqueConstraint("target_id", "unit_id", name="uq_target_share_target_unit"),
    )


def downgrade() -> None:
    op.drop_table("target_share")
    with op.batch_alter_table("target") as batch:
        batch.drop_column("version")
        batch.drop_column("scope")
