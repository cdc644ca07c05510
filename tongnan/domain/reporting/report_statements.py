"""The statements of saving and submitting a report on PostgreSQL, on the transaction's connection.

Prepared once per connection by asyncpg, run with only their parameters afterwards. Three reads
and writes instead of the ORM's eight: the caller's idempotency key (before the lock) with the
round, task and obligation, the obligation locked; after the lock, the key again and the
current report; then the report written with its key in one statement. ``reports`` holds the
rules; SQLite runs the same steps through the ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common.postgres import Statements, as_orm_errors
from tongnan.domain.models import IdempotencyKey, ProgressReport
from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundStatus


@dataclass(frozen=True, slots=True)
class Known:
    """An idempotency key already used by the caller: the payload it named and its report."""

    payload_hash: str
    report_id: int


@dataclass(frozen=True, slots=True)
class Place:
    """Where a report goes: its round, task and obligation (locked until commit)."""

    round_id: int
    round_name: str
    round_status: RoundStatus
    due_date: dt.date
    plan_id: int
    plan_code: str
    task_id: int
    task_number: int
    obligation_id: int
    unit_id: int
    kind: ObligationKind


_LOCATE = """
SELECT k.payload_hash AS known_hash, k.report_id AS known_report, place.*
FROM (SELECT 1) AS one
LEFT JOIN idempotency_key AS k ON k.actor = $1 AND k.key = $2
LEFT JOIN LATERAL (
  SELECT r.id AS round_id, r.name AS round_name, r.status AS round_status, r.due_date,
         r.plan_id, w.code AS plan_code, t.id AS task_id, o.id AS obligation_id, o.unit_id
  FROM reporting_round AS r
  JOIN work_plan AS w ON w.id = r.plan_id
  JOIN task AS t ON t.plan_id = r.plan_id AND t.number = $4
  JOIN obligation AS o ON o.round_id = r.id AND o.task_id = t.id AND o.unit_id = $5
                      AND o.kind = $6
  WHERE r.id = $3
  FOR UPDATE OF o
) AS place ON true
"""

_CURRENT = """
SELECT k.payload_hash AS known_hash, k.report_id AS known_report, p.*
FROM (SELECT 1) AS one
LEFT JOIN idempotency_key AS k ON k.actor = $1 AND k.key = $2
LEFT JOIN progress_report AS p ON p.obligation_id = $3
"""

_REPORT_COLUMNS = (
    "obligation_id",
    "round_id",
    "task_id",
    "unit_id",
    "kind",
    "status",
    "summary",
    "completion",
    "problems",
    "next_steps",
    "late",
    "submitted_at",
    "version",
    "created_at",
    "updated_at",
)
_INSERT = (
    f"INSERT INTO progress_report ({', '.join(_REPORT_COLUMNS)}) "
    f"VALUES ({', '.join(f'${n}' for n in range(1, len(_REPORT_COLUMNS) + 1))}) RETURNING id"
)
_UPDATE = """UPDATE progress_report SET version = version + 1, summary = $3, completion = $4,
  problems = $5, next_steps = $6, status = $7, updated_at = $8,
  submitted_at = CASE WHEN $9 THEN $8 ELSE submitted_at END,
  late = CASE WHEN $9 THEN $10 ELSE late END
WHERE id = $1 AND version = $2 RETURNING *"""
_KEY = "INSERT INTO idempotency_key (actor, key, payload_hash, created_at, report_id) "


def _with_key(write: str, key_params: int) -> str:
    """``write`` and the key's INSERT for the report it returns, as one statement."""
    n = key_params
    return (
        f"WITH written AS ({write}), key AS ({_KEY}SELECT ${n}, ${n + 1}, ${n + 2}, ${n + 3}, id "
        "FROM written) SELECT * FROM written"
    )


_INSERT_WITH_KEY = _with_key(_INSERT, len(_REPORT_COLUMNS) + 1)
_UPDATE_WITH_KEY = _with_key(_UPDATE, 11)


def _known(row: Any) -> Known | None:
    if row["known_hash"] is None:
        return None
    return Known(row["known_hash"], row["known_report"])


async def locate(
    sql: Statements,
    actor_name: str,
    key: str | None,
    round_id: int,
    task_number: int,
    unit_id: int | None,
    kind: ObligationKind,
) -> tuple[Known | None, Place | None]:
    """The caller's use of ``key``, and the obligation (locked); ``None`` when either is not."""
    row = await sql.fetchrow(_LOCATE, actor_name, key, round_id, task_number, unit_id, kind.value)
    place = None
    if row["obligation_id"] is not None:
        place = Place(
            round_id=row["round_id"],
            round_name=row["round_name"],
            round_status=RoundStatus(row["round_status"]),
            due_date=row["due_date"],
            plan_id=row["plan_id"],
            plan_code=row["plan_code"],
            task_id=row["task_id"],
            task_number=task_number,
            obligation_id=row["obligation_id"],
            unit_id=row["unit_id"],
            kind=kind,
        )
    return _known(row), place


async def current(
    sql: Statements, actor_name: str, key: str | None, obligation_id: int
) -> tuple[Known | None, ProgressReport | None]:
    """After the lock: the caller's use of ``key`` again, and the obligation's report."""
    row = await sql.fetchrow(_CURRENT, actor_name, key, obligation_id)
    report = None
    if row["id"] is not None:
        report = ProgressReport._init_from_db(
            **{k: v for k, v in row.items() if k not in ("known_hash", "known_report")}
        )
    return _known(row), report


async def report_by_id(sql: Statements, report_id: int) -> ProgressReport:
    row = await sql.fetchrow("SELECT * FROM progress_report WHERE id = $1", report_id)
    return ProgressReport._init_from_db(**row)


@dataclass(frozen=True, slots=True)
class NewKey:
    """The idempotency key to store with the report written."""

    actor: str
    key: str
    payload_hash: str
    created_at: dt.datetime

    def params(self) -> tuple[object, ...]:
        IdempotencyKey._meta.fields_map["key"].validate(self.key)
        return (self.actor, self.key, self.payload_hash, self.created_at)


_NEW_REPORT = {"submitted_at": None, "late": False}  # what a draft leaves out
_NOT_YET = {"reviewed_at": None, "reviewed_by": None, "review_comment": None}


async def insert(sql: Statements, fields: dict[str, Any], key: NewKey | None) -> ProgressReport:
    """Store a new report of ``fields`` (and its key); the report, as the ORM would make it
    from those fields (without building a model from keyword arguments, the slow way)."""
    row = {**_NEW_REPORT, **fields}
    params = [row[name] for name in _REPORT_COLUMNS]
    params[4] = ObligationKind(row["kind"]).value
    params[5] = ReportStatus(row["status"]).value
    with as_orm_errors():
        if key is None:
            report_id = await sql.fetchval(_INSERT, *params)
        else:
            report_id = await sql.fetchval(_INSERT_WITH_KEY, *params, *key.params())
    return ProgressReport._init_from_db(id=int(report_id), **_NOT_YET, **row)


async def update(
    sql: Statements,
    report_id: int,
    version: int,
    changes: dict[str, Any],
    submit: bool,
    key: NewKey | None,
) -> ProgressReport | None:
    """Write ``changes`` over version ``version`` (and store the key); ``None``: it moved on."""
    params = (
        report_id,
        version,
        changes["summary"],
        changes["completion"],
        changes["problems"],
        changes["next_steps"],
        ReportStatus(changes["status"]).value,
        changes["updated_at"],
        submit,
        changes.get("late", False),
    )
    with as_orm_errors():
        if key is None:
            row = await sql.fetchrow(_UPDATE, *params)
        else:
            row = await sql.fetchrow(_UPDATE_WITH_KEY, *params, *key.params())
    return None if row is None else ProgressReport._init_from_db(**row)
