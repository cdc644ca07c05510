"""Read side of the rectification ledger: light rows of a plan's items and findings.

The figures need only a few columns of every item: those are read as plain rows (two queries,
no model objects, no timestamps parsed). The full rows are read for the items actually shown
(a page, or an export), in one more query.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections

from tongnan.domain.models import RectificationItem
from tongnan.domain.models.supervision import FindingSource, RectificationStatus, source_name
from tongnan.domain.rules.ledger import LedgerEntry


@dataclass(frozen=True, slots=True)
class FindingLine:
    id: int
    source: FindingSource
    source_detail: str | None
    supervision_id: int | None
    task_numbers: tuple[int, ...]
    description: str

    @property
    def source_name(self) -> str:
        return source_name(self.source, self.source_detail)


@dataclass(frozen=True, slots=True)
class ItemLine:
    id: int
    finding_id: int
    unit_id: int
    status: RectificationStatus
    deadline: dt.date
    returned: bool
    voided: bool = False  # 作废: listed (struck through), never counted


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    """Every given condition must hold; none given: the whole ledger."""

    source: FindingSource | None = None
    source_name: str | None = None  # an OTHER source by its name, or any source by its label
    unit_id: int | None = None
    status: RectificationStatus | None = None
    task_number: int | None = None
    finding_id: int | None = None
    supervision_id: int | None = None

    def keeps_finding(self, finding: FindingLine) -> bool:
        if self.source is not None and finding.source is not self.source:
            return False
        if self.source_name is not None and finding.source_name != self.source_name:
            return False
        if self.task_number is not None and self.task_number not in finding.task_numbers:
            return False
        if self.finding_id is not None and finding.id != self.finding_id:
            return False
        return self.supervision_id is None or finding.supervision_id == self.supervision_id


@dataclass(slots=True)
class LedgerRows:
    """Items in ledger order (finding, then item) and the findings they belong to."""

    lines: list[ItemLine]
    findings: dict[int, FindingLine]
    plan_id: int = 0
    by_id: dict[int, ItemLine] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {line.id: line for line in self.lines}

    def entry(self, line: ItemLine) -> LedgerEntry:
        finding = self.findings[line.finding_id]
        return LedgerEntry(
            item_id=line.id,
            status=line.status,
            deadline=line.deadline,
            returned=line.returned,
            source=finding.source_name,
            unit_id=line.unit_id,
            task_numbers=finding.task_numbers,
        )

    def entries(self) -> list[LedgerEntry]:
        """What the figures count: every item but the voided ones."""
        return [self.entry(line) for line in self.lines if not line.voided]

    def only(self, lines: list[ItemLine]) -> LedgerRows:
        return LedgerRows(lines, self.findings, self.plan_id)


async def _select(sql: str, params: list[Any]) -> list[Sequence[Any]]:
    """Rows as tuples, without model objects ("?" placeholders, numbered for PostgreSQL)."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        numbers = itertools.count(1)
        sql = re.sub(r"\?", lambda _: f"${next(numbers)}", sql)
    _, rows = await conn.execute_query(sql, params)
    return list(rows)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _json_list(value: Any) -> tuple[int, ...]:
    return tuple(json.loads(value) if isinstance(value, str | bytes) else value or ())


async def load_ledger(plan_id: int, flt: LedgerFilter | None = None) -> LedgerRows:
    """The plan's items that pass ``flt``: one query for findings, one for items (plain rows:
    at 10,000 items, model objects would cost more than the database)."""
    flt = flt or LedgerFilter()
    where: list[str] = ["plan_id = ?"]
    params: list[Any] = [plan_id]
    if flt.source is not None:
        where.append("source = ?")
        params.append(flt.source.value)
    findings = {}
    for key, source, detail, supervision, tasks, description in await _select(
        "SELECT id, source, source_detail, supervision_id, task_numbers, description "
        f"FROM finding WHERE {' AND '.join(where)}",
        params,
    ):
        line = FindingLine(
            int(key), FindingSource(source), detail, supervision, _json_list(tasks), description
        )
        if flt.keeps_finding(line):
            findings[line.id] = line
    if not findings:
        return LedgerRows([], {}, plan_id)
    where, params = ["plan_id = ?"], [plan_id]
    for column, value in (
        ("responsible_unit_id", flt.unit_id),
        ("status", flt.status.value if flt.status is not None else None),
        ("finding_id", flt.finding_id),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = await _select(
        "SELECT id, finding_id, responsible_unit_id, status, deadline, returned, "
        "voided_at IS NOT NULL "
        f"FROM rectification_item WHERE {' AND '.join(where)} ORDER BY finding_id, id",
        params,
    )
    lines = [
        ItemLine(int(k), int(f), int(u), RectificationStatus(s), _date(d), bool(r), bool(v))
        for k, f, u, s, d, r, v in rows
        if f in findings
    ]
    return LedgerRows(lines, findings, plan_id)


async def load_items(ids: Sequence[int]) -> list[RectificationItem]:
    """Full rows of these items, each with its finding, in the order given (one query)."""
    if not ids:
        return []
    rows = {
        row.id: row
        for row in await RectificationItem.filter(id__in=list(ids)).select_related("finding")
    }
    return [rows[key] for key in ids if key in rows]
