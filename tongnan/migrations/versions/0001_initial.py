"""Initial schema: units, plans, sections, tasks, assignments, targets, users, tokens, audit.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Column types chosen to match what the Tortoise models read and write on each backend.
BOOL = sa.Boolean().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True).with_variant(sa.TIMESTAMP(), "sqlite")
DECIMAL = sa.Numeric(20, 4).with_variant(sa.String(40), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _fk(
    name: str, table: str, *, nullable: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "unit",
        _id(),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("short_name", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("membership", sa.String(16), nullable=False),
        sa.Column("members_set", BOOL, nullable=False),
        sa.Column("listed", BOOL, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        _fk("parent_id", "unit", nullable=True, ondelete="SET NULL"),
    )
    op.create_table(
        "unit_alias",
        _id(),
        sa.Column("alias", sa.String(128), nullable=False, unique=True),
        _fk("unit_id", "unit"),
    )
    op.create_table(
        "work_plan",
        _id(),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("plan_title", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("parent_code", sa.String(64), nullable=True),
        sa.Column("parent_title", sa.Text(), nullable=True),
        sa.Column("addressees", JSON, nullable=False),
        sa.Column("letter", sa.Text(), nullable=False),
        sa.Column("preamble", sa.Text(), nullable=False),
        sa.Column("printed_by", sa.Text(), nullable=True),
        sa.Column("printed_on", sa.Date(), nullable=True),
        sa.Column("full_text", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "section",
        _id(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        _fk("plan_id", "work_plan"),
        sa.UniqueConstraint("plan_id", "number", name="uq_section_plan_number"),
    )
    op.create_table(
        "task",
        _id(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        _fk("plan_id", "work_plan"),
        _fk("section_id", "section"),
        sa.UniqueConstraint("plan_id", "number", name="uq_task_plan_number"),
    )
    op.create_table(
        "group_member",
        _id(),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("group_id", "unit"),
        _fk("member_id", "unit"),
        _fk("task_id", "task", nullable=True),
        sa.UniqueConstraint("group_id", "member_id", "task_id", name="uq_group_member"),
    )
    # NULL task ids are distinct in a UNIQUE constraint: keep static members unique too.
    op.create_index(
        "uq_group_member_static",
        "group_member",
        ["group_id", "member_id"],
        unique=True,
        sqlite_where=sa.text("task_id IS NULL"),
        postgresql_where=sa.text("task_id IS NULL"),
    )
    op.create_table(
        "assignment",
        _id(),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("task_id", "task"),
        _fk("unit_id", "unit", ondelete="RESTRICT"),
        sa.UniqueConstraint("task_id", "unit_id", "role", name="uq_assignment_task_unit_role"),
    )
    op.create_table(
        "target",
        _id(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("comparator", sa.String(16), nullable=False),
        sa.Column("threshold", DECIMAL, nullable=True),
        sa.Column("unit_of_measure", sa.String(16), nullable=True),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("task_id", "task"),
        sa.UniqueConstraint("task_id", "position", name="uq_target_task_position"),
    )
    op.create_table(
        "app_user",
        _id(),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("disabled", BOOL, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _fk("unit_id", "unit", nullable=True, ondelete="RESTRICT"),
    )
    op.create_table(
        "api_token",
        _id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.Column("last_used_at", TIMESTAMP, nullable=True),
        _fk("user_id", "app_user"),
    )
    op.create_table(
        "audit_event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("actor_unit", sa.String(128), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_event_object", "audit_event", ["object_type", "object_id"])
    _make_audit_append_only()


def _make_audit_append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
                f"BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: {verb} refused'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    for table in (
        "audit_event",
        "api_token",
        "app_user",
        "target",
        "assignment",
        "group_member",
        "task",
        "section",
        "work_plan",
        "unit_alias",
        "unit",
    ):
        op.drop_table(table)
