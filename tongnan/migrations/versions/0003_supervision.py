"""Supervision, findings, rectification items and their updates, urge notices.

Revision ID: 0003_supervision
Revises: 0002_reporting
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_supervision"
down_revision = "0002_reporting"
branch_labels = None
depends_on = None

# Column types chosen to match what the Tortoise models read and write on each backend.
BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _fk(
    name: str, table: str, *, ondelete: str = "CASCADE", nullable: bool = False
) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable
    )


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "supervision",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("team", JSON, nullable=False),
        sa.Column("task_numbers", JSON, nullable=False),
        sa.Column("unit_ids", JSON, nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("draw", JSON, nullable=True),
        *_stamps(),
        _fk("plan_id", "work_plan"),
    )
    op.create_table(
        "finding",
        _id(),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("source_detail", sa.String(128), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("task_numbers", JSON, nullable=False),
        sa.Column("unit_ids", JSON, nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        *_stamps(),
        _fk("plan_id", "work_plan"),
        _fk("supervision_id", "supervision", ondelete="SET NULL", nullable=True),
    )
    op.create_table(
        "rectification_item",
        _id(),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("responsible_persons", JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("returned", BOOL, nullable=False),
        sa.Column("latest_progress", sa.Text(), nullable=True),
        sa.Column("latest_progress_on", sa.Date(), nullable=True),
        sa.Column("completed_at", TIMESTAMP, nullable=True),
        sa.Column("verified_at", TIMESTAMP, nullable=True),
        sa.Column("verified_by", sa.String(128), nullable=True),
        sa.Column("verification_note", sa.Text(), nullable=True),
        *_stamps(),
        _fk("plan_id", "work_plan"),
        _fk("finding_id", "finding"),
        _fk("responsible_unit_id", "unit", ondelete="RESTRICT"),
    )
    op.create_index(
        "ix_rectification_item_plan_status", "rectification_item", ["plan_id", "status"]
    )
    op.create_table(
        "rectification_update",
        _id(),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status_after", sa.String(16), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("author_unit", sa.String(128), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("item_id", "rectification_item"),
    )
    op.create_index(
        "ix_rectification_update_item_reported_on",
        "rectification_update",
        ["item_id", "reported_on"],
    )
    op.create_table(
        "urge_notice",
        _id(),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("items", JSON, nullable=False),
        sa.Column("issued_by", sa.String(128), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("plan_id", "work_plan"),
        _fk("unit_id", "unit", ondelete="RESTRICT"),
        sa.UniqueConstraint("plan_id", "sequence", name="uq_urge_notice_plan_sequence"),
    )


def downgrade() -> None:
    for table in (
        "urge_notice",
        "rectification_update",
        "rectification_item",
        "finding",
        "supervision",
    ):
        op.drop_table(table)
