"""Issued documents: a number counter per (series, year) and each document with its snapshot.

Revision ID: 0004_documents
Revises: 0003_supervision
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_documents"
down_revision = "0003_supervision"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def _fk(name: str, table: str, *, ondelete: str, nullable: bool) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "document_counter",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("series", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.UniqueConstraint("series", "year", name="uq_document_counter_series_year"),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("series", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(128), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.String(128), nullable=False),
        sa.Column("template", sa.String(64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("plan_id", "work_plan", ondelete="CASCADE", nullable=False),
        _fk("round_id", "reporting_round", ondelete="SET NULL", nullable=True),
        _fk("supervision_id", "supervision", ondelete="SET NULL", nullable=True),
        _fk("urge_notice_id", "urge_notice", ondelete="SET NULL", nullable=True),
        # the last line of defence: whatever the counter says, a number is used once
        sa.UniqueConstraint("series", "year", "number", name="uq_document_series_year_number"),
    )
    op.create_index("ix_document_kind_issued_on", "document", ["kind", "issued_on"])


def downgrade() -> None:
    op.drop_index("ix_document_kind_issued_on", table_name="document")
    op.drop_table("document")
    op.drop_table("document_counter")
