"""Evidence (佐证材料): stored blobs by content hash, uploads, and their links to rectification
items and progress reports.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "stored_blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "upload",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(128), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_by", sa.String(128), nullable=False),
        sa.Column("uploader_unit_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_index("idx_upload_sha256", "upload", ["sha256"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "upload_id",
            sa.Integer(),
            sa.ForeignKey("upload.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("rectification_item.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "report_id",
            sa.Integer(),
            sa.ForeignKey("progress_report.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("attached_by", sa.String(128), nullable=False),
        sa.Column("attached_at", TIMESTAMP, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("evidence")
    op.drop_index("idx_upload_sha256", "upload")
    op.drop_table("upload")
    op.drop_table("stored_blob")
