"""The trail's verifications: each run of ``tongnan audit verify`` or the office's 立即核验,
with what it covered and found; append-only like the other audit tables.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")
BIGINT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")
TABLE = "audit_verification"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", BIGINT_ID, primary_key=True, autoincrement=True),
        sa.Column("verified_at", TIMESTAMP, nullable=False),
        sa.Column("by", sa.String(128), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("ok", BOOL, nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("seals", sa.BigInteger(), nullable=False),
        sa.Column("unsealed_recent", sa.BigInteger(), nullable=False),
        sa.Column("problem_count", sa.Integer(), nullable=False),
        sa.Column("problems", JSON, nullable=False),
        sa.Column("against_checkpoint", BOOL, nullable=False),
        sa.Column("seconds", sa.Float().with_variant(sa.REAL(), "sqlite"), nullable=False),
    )
    op.create_index("ix_audit_verification_verified_at", TABLE, ["verified_at"])
    if op.get_bind().dialect.name == "postgresql":  # audit_append_only() comes from 0005
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: {verb} refused'); END"
            )


def downgrade() -> None:
    op.drop_table(TABLE)
