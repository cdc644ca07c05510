"""Progress reporting: rounds, obligations, reports, reported target values, idempotency keys.

Revision ID: 0002_reporting
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_reporting"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")
DECIMAL = sa.Numeric(20, 4).with_variant(sa.String(40), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _fk(
    name: str, table: str, *, ondelete: str = "CASCADE", unique: bool = False
) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey(f"{table}.id", ondelete=ondelete),
        nullable=False,
        unique=unique,
    )


def upgrade() -> None:
    op.create_table(
        "reporting_round",
        _id(),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at", TIMESTAMP, nullable=False),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.Column("opened_by", sa.String(128), nullable=False),
        sa.Column("task_numbers", JSON, nullable=False),
        _fk("plan_id", "work_plan"),
        sa.UniqueConstraint("plan_id", "name", name="uq_reporting_round_plan_name"),
    )
    op.create_table(
        "obligation",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("via", sa.String(255), nullable=True),
        _fk("round_id", "reporting_round"),
        _fk("task_id", "task"),
        _fk("unit_id", "unit", ondelete="RESTRICT"),
        sa.UniqueConstraint("round_id", "task_id", "unit_id", "kind", name="uq_obligation"),
    )
    op.create_table(
        "progress_report",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("completion", sa.Integer(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("late", BOOL, nullable=False),
        sa.Column("submitted_at", TIMESTAMP, nullable=True),
        sa.Column("reviewed_at", TIMESTAMP, nullable=True),
        sa.Column("reviewed_by", sa.String(128), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        _fk("round_id", "reporting_round"),
        _fk("task_id", "task"),
        _fk("unit_id", "unit", ondelete="RESTRICT"),
        _fk("obligation_id", "obligation", unique=True),
    )
    op.create_index("ix_progress_report_task_unit", "progress_report", ["task_id", "unit_id"])
    op.create_table(
        "target_value",
        _id(),
        sa.Column("value", DECIMAL, nullable=False),
        sa.Column("baseline_value", DECIMAL, nullable=True),
        _fk("report_id", "progress_report"),
        _fk("target_id", "target"),
        sa.UniqueConstraint("report_id", "target_id", name="uq_target_value_report_target"),
    )
    op.create_table(
        "idempotency_key",
        _id(),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("report_id", "progress_report"),
        sa.UniqueConstraint("actor", "key", name="uq_idempotency_key_actor_key"),
    )


def downgrade() -> None:
    for table in (
        "idempotency_key",
        "target_value",
        "progress_report",
        "obligation",
        "reporting_round",
    ):
        op.drop_table(table)
