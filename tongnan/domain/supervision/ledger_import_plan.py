"""What importing a ledger sheet would do, row by row (pure): create, update (which fields,
before → after), leave unchanged, or refuse (with the reasons, in a clerk's words).

A row with a 编号 updates that item (measures, deadline, persons, progress; status only forward
along the item's flow, never to 已销号: verifying is the office's check; a status behind the
item's, from an older sheet, is left as it is and said so). A row without one
creates an item, unless the ledger (or an earlier row) already has the same source, description
and unit. The plan's ``state`` fingerprints what the ledger held for the rows concerned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tongnan.domain.models.supervision import STATUS_LABELS, FindingSource, RectificationStatus
from tongnan.domain.rules.rectification import DONE
from tongnan.domain.rules.sheet_values import format_persons
from tongnan.domain.supervision.ledger_xlsx import ParsedSheet, SheetError, SheetRow

S = RectificationStatus
FindingKey = tuple[str, str | None, str]  # source, its name (OTHER), description
ItemKey = tuple[str, str | None, str, int]  # … and the responsible unit

# Forward moves a sheet may make (a progress report, then a declared completion).
FORWARD: dict[RectificationStatus, frozenset[RectificationStatus]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.COMPLETED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.VERIFIED: frozenset(),
}
LABELS = {
    "measures": "整改措施",
    "deadline": "整改时限",
    "persons": "责任人",
    "progress": "整改进展",
    "status": "状态",
}


class Outcome(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    REFUSED = "REFUSED"


OUTCOME_LABELS = {
    Outcome.CREATED: "新建",
    Outcome.UPDATED: "更新",
    Outcome.UNCHANGED: "无变化",
    Outcome.REFUSED: "不予导入",
}


@dataclass(frozen=True, slots=True)
class ItemState:
    """An existing item as an import compares it (plain values)."""

    id: int
    version: int
    finding_id: int
    source: FindingSource
    source_detail: str | None
    description: str
    unit_id: int
    unit_name: str
    measures: str
    deadline: dt.date
    persons: list[dict[str, str]]
    progress: str | None
    status: RectificationStatus
    voided: bool

    @property
    def key(self) -> ItemKey:
        return (self.source.value, self.source_detail, self.description, self.unit_id)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # measures, deadline, persons, progress, status
    before: str
    after: str

    @property
    def label(self) -> str:
        return LABELS[self.field]

    def __str__(self) -> str:
        return f"{self.label}：“{self.before or '（空）'}”→“{self.after or '（空）'}”"


@dataclass(frozen=True, slots=True)
class RowPlan:
    row: int
    number: int | None
    outcome: Outcome
    item_id: int | None = None
    item_version: int | None = None
    changes: tuple[FieldChange, ...] = ()
    reasons: tuple[SheetError, ...] = ()
    notes: tuple[str, ...] = ()
    sheet: SheetRow | None = None
    status: RectificationStatus | None = None  # the status after this row (created, updated)
    finding_id: int | None = None  # a new item joins this existing finding

    def text(self) -> str:
        """第3行（编号2）：更新 — 整改进展：“…”→“…”（提示：…）"""
        where = f"第{self.row}行" + (f"（编号{self.number}）" if self.number else "")
        head = f"{where}：{OUTCOME_LABELS[self.outcome]}"
        if self.outcome is Outcome.REFUSED:
            head += " — " + "；".join(r.message for r in self.reasons)
        elif self.outcome is Outcome.UPDATED:
            head += " — " + "；".join(str(c) for c in self.changes)
        elif self.outcome is Outcome.CREATED and self.sheet is not None:
            status = STATUS_LABELS[self.status or S.OPEN]
            head += (
                f" — {self.sheet.unit.name}：{self.sheet.description}"
                f"（整改时限{self.sheet.deadline.isoformat()}，{status}）"
            )
        return head + (f"（提示：{'；'.join(self.notes)}）" if self.notes else "")

    def fingerprint(self) -> list[object]:
        return [self.row, self.outcome.value, self.item_id, self.item_version, self.finding_id]


def summary(rows: Sequence[RowPlan]) -> str:
    """共4行：新建1行、更新1行、无变化1行、不予导入1行"""
    parts = [
        f"{OUTCOME_LABELS[o]}{n}行" for o in Outcome if (n := sum(r.outcome is o for r in rows))
    ]
    return f"共{len(rows)}行" + (f"：{'、'.join(parts)}" if parts else "")


def state_hash(rows: Sequence[RowPlan]) -> str:
    """What the ledger held for the rows concerned (items and versions, duplicates, findings)."""
    text = json.dumps([r.fingerprint() for r in rows], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(slots=True)
class _Planner:
    items: Mapping[int, ItemState]
    findings: Mapping[FindingKey, int]
    today: dt.date
    existing: dict[ItemKey, int] = field(init=False)
    seen: dict[ItemKey, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.existing = {}
        for item in self.items.values():
            if not item.voided:
                self.existing.setdefault(item.key, item.id)

    def refuse(self, sheet: SheetRow, *messages: str, item: ItemState | None = None) -> RowPlan:
        return RowPlan(
            sheet.row,
            sheet.number,
            Outcome.REFUSED,
            item_id=item.id if item else None,
            item_version=item.version if item else None,
            reasons=tuple(SheetError(sheet.row, "", "", m) for m in messages),
            notes=sheet.readings,
        )

    def late(self, deadline: dt.date, status: RectificationStatus) -> list[str]:
        if status in DONE or deadline >= self.today:
            return []
        days = (self.today - deadline).days
        return [f"整改时限{deadline.isoformat()}已过（逾期{days}天）"]

    def create(self, sheet: SheetRow) -> RowPlan:
        key: ItemKey = (sheet.source.value, sheet.source_detail, sheet.description, sheet.unit.id)
        if sheet.status is S.VERIFIED:
            return self.refuse(sheet, "新增事项不能直接记为“已销号”：销号须由专班办公室核查后办理")
        if key in self.existing:
            number = self.existing[key]
            return self.refuse(
                sheet,
                f"与台账中编号{number}的事项重复（问题来源、问题描述、责任单位相同），未新建；"
                f"如要修改该事项，请在“编号”列填写{number}",
            )
        if key in self.seen:
            return self.refuse(sheet, f"与第{self.seen[key]}行重复，未新建")
        self.seen[key] = sheet.row
        notes = list(sheet.readings)
        status = sheet.status or S.OPEN
        if sheet.progress and status is S.OPEN:
            status = S.IN_PROGRESS
            notes.append("已填写整改进展，状态按“整改中”记")
        notes += self.late(sheet.deadline, status)
        return RowPlan(
            sheet.row,
            None,
            Outcome.CREATED,
            notes=tuple(notes),
            sheet=sheet,
            status=status,
            finding_id=self.findings.get(key[:3]),
        )

    def update(self, sheet: SheetRow, number: int) -> RowPlan:
        item = self.items.get(number)
        if item is None:
            return self.refuse(sheet, f"台账中没有编号{number}的事项（新增事项请将编号留空）")
        if item.voided:
            return self.refuse(sheet, f"编号{number}的事项已作废，不能再导入修改", item=item)
        if sheet.unit.id != item.unit_id:
            return self.refuse(
                sheet,
                f"责任单位与台账不符（编号{number}的责任单位是“{item.unit_name}”）；"
                "更换责任单位请在系统中办理",
                item=item,
            )
        notes = list(sheet.readings)
        if (sheet.source, sheet.source_detail, sheet.description) != (
            item.source,
            item.source_detail,
            item.description,
        ):
            notes.append("问题来源、问题描述以台账为准，导入不作修改")
        changes: list[FieldChange] = []
        if sheet.measures != item.measures:
            changes.append(FieldChange("measures", item.measures, sheet.measures))
        if sheet.deadline != item.deadline:
            changes.append(
                FieldChange("deadline", item.deadline.isoformat(), sheet.deadline.isoformat())
            )
        if sheet.persons is not None and sheet.persons != item.persons:
            changes.append(
                FieldChange("persons", format_persons(item.persons), format_persons(sheet.persons))
            )
        progressed = sheet.progress is not None and sheet.progress != (item.progress or "")
        if progressed:
            changes.append(FieldChange("progress", item.progress or "", sheet.progress or ""))
        status = item.status
        wanted = sheet.status or item.status
        if progressed and wanted is S.OPEN:
            wanted = S.IN_PROGRESS
            notes.append("已填写整改进展，状态按“整改中”记")
        reasons: list[str] = []
        if wanted is not item.status:
            if wanted is S.VERIFIED:
                reasons.append(
                    f"表格不能销号：编号{number}的事项现为“{STATUS_LABELS[item.status]}”，"
                    "销号须由专班办公室核查后在系统中办理"
                )
            elif wanted in FORWARD[item.status]:
                status = wanted
                changes.append(
                    FieldChange("status", STATUS_LABELS[item.status], STATUS_LABELS[wanted])
                )
            else:  # an older sheet: the item has moved on since; a sheet never moves it back
                notes.append(
                    f"表格中的状态“{STATUS_LABELS[wanted]}”早于台账中的"
                    f"“{STATUS_LABELS[item.status]}”，状态不作修改"
                )
        if changes and item.status is S.VERIFIED:
            reasons.append(f"编号{number}的事项已销号，不能再修改")
        elif progressed and item.status is S.COMPLETED:
            reasons.append(f"编号{number}的事项已完成、待销号，不能再填报整改进展")
        if reasons:
            return self.refuse(sheet, *reasons, item=item)
        if not changes:
            return RowPlan(
                sheet.row,
                number,
                Outcome.UNCHANGED,
                item_id=item.id,
                item_version=item.version,
                notes=tuple(notes),
            )
        return RowPlan(
            sheet.row,
            number,
            Outcome.UPDATED,
            item_id=item.id,
            item_version=item.version,
            changes=tuple(changes),
            notes=tuple(notes + self.late(sheet.deadline, status)),
            sheet=sheet,
            status=status,
        )


def plan_import(
    parsed: ParsedSheet,
    items: Mapping[int, ItemState],
    findings: Mapping[FindingKey, int],
    today: dt.date,
) -> list[RowPlan]:
    """One plan per row of the sheet, in the sheet's order (unreadable rows refused)."""
    planner = _Planner(items, findings, today)
    bad: dict[int, list[SheetError]] = {}
    for error in parsed.errors:
        bad.setdefault(error.row, []).append(error)
    plans = [
        RowPlan(row, parsed.numbers.get(row), Outcome.REFUSED, reasons=tuple(errors))
        for row, errors in bad.items()
    ]
    for sheet in parsed.rows:
        plans.append(
            planner.create(sheet) if sheet.number is None else planner.update(sheet, sheet.number)
        )
    return sorted(plans, key=lambda p: p.row)
