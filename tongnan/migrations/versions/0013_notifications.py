"""Notifications: each unit's channels, the outbox (notifications and their deliveries), every
delivery attempt, and the units' calendar feeds.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _fk(
    name: str, table: str, *, ondelete: str = "CASCADE", nullable: bool = False
) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "notification_channel",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("enabled", BOOL, nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        _fk("unit_id", "unit"),
        sa.UniqueConstraint("unit_id", "kind"),
    )
    op.create_table(
        "notification",
        _id(),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("dedupe_key", sa.String(160), nullable=False, unique=True),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(512), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("read_at", TIMESTAMP, nullable=True),
        sa.Column("read_by", sa.String(128), nullable=True),
        _fk("unit_id", "unit"),
    )
    op.create_index("idx_notification_unit_created", "notification", ["unit_id", "created_at"])
    op.create_table(
        "notification_delivery",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("delivered_at", TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        _fk("notification_id", "notification"),
        _fk("channel_id", "notification_channel", ondelete="SET NULL", nullable=True),
    )
    op.create_index(
        "idx_notification_delivery_due", "notification_delivery", ["status", "next_attempt_at"]
    )
    op.create_table(
        "delivery_attempt",
        _id(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(64), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("ok", BOOL, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _fk("delivery_id", "notification_delivery"),
        sa.UniqueConstraint("delivery_id", "number"),
    )
    op.create_table(
        "calendar_feed",
        _id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        _fk("unit_id", "unit"),
    )


def downgrade() -> None:
    op.drop_table("calendar_feed")
    op.drop_table("delivery_attempt")
    op.drop_index("idx_notification_delivery_due", "notification_delivery")
    op.drop_table("notification_delivery")
    op.drop_index("idx_notification_unit_created", "notification")
    op.drop_table("notification")
    op.drop_table("notification_channel")
