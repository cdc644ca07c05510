"""Accounts: users gain a password hash (argon2id), an edit counter and their last sign-in;
API tokens gain a name; browser sessions are stored (only a hash of each secret).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(255), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("last_sign_in_at", TIMESTAMP, nullable=True))
    with op.batch_alter_table("app_user") as batch:
        batch.alter_column("version", server_default=None)
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("name", sa.String(64), nullable=False, server_default=""))
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("name", server_default=None)
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
        sa.Column("idle_expires_at", TIMESTAMP, nullable=False),
        sa.Column("absolute_expires_at", TIMESTAMP, nullable=False),
        sa.Column("ended_at", TIMESTAMP, nullable=True),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("app_user.id", ondelete="CASCADE"),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_table("user_session")
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("name")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("last_sign_in_at")
        batch.drop_column("version")
        batch.drop_column("password_hash")
