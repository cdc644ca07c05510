"""Use cases: export the ledger to an .xlsx file, and import rectification items from one."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Finding, RectificationItem, Unit
from tongnan.domain.supervision.ledger import LedgerRows
from tongnan.domain.supervision.ledger_common import Person, units_by_name
from tongnan.domain.supervision.ledger_xlsx import (
    ItemTexts,
    SheetError,
    SheetRow,
    ledger_workbook,
    parse_ledger_sheet,
)
from tongnan.domain.supervision.rectification import ItemDraft, create_item
from tongnan.domain.supervision.sheet_limits import SheetLimits

MAX_FILE_BYTES = 5_000_000
FEW = 500  # at most this many rows: read their texts by id; more: the plan's


@dataclass(frozen=True, slots=True)
class LedgerFile:
    filename: str
    content: bytes
    rows: int


async def export_ledger(rows: LedgerRows, today: dt.date | None = None) -> LedgerFile:
    """Ledger rows (see ``load_ledger``) as .xlsx: two queries (texts, unit names); the sheet is
    written in a worker thread, so the event loop keeps serving while it is built."""
    ids = [line.id for line in rows.lines]
    query = RectificationItem.filter(plan_id=rows.plan_id)
    if len(ids) <= FEW:
        query = query.filter(id__in=ids)
    texts = {
        int(key): ItemTexts(str(measures), list(persons or ()), progress)
        for key, measures, persons, progress in await query.values_list(
            "id", "measures", "responsible_persons", "latest_progress"
        )
    }
    unit_ids = {line.unit_id for line in rows.lines}
    names = {u.id: u.name for u in await Unit.filter(id__in=unit_ids).only("id", "name")}
    content = await asyncio.to_thread(ledger_workbook, rows, texts, names)
    stamp = f"-{today:%Y%m%d}" if today is not None else ""
    return LedgerFile(f"整改台账{stamp}.xlsx", content, len(rows.lines))


@dataclass(slots=True)
class ImportResult:
    """``refused``: the sheet had errors and nothing was imported; ``errors`` are the first
    ones (see ``SheetLimits.max_errors``), ``error_count`` all of them."""

    items: list[RectificationItem] = field(default_factory=list)
    findings: int = 0
    errors: list[SheetError] = field(default_factory=list)
    refused: bool = False
    error_count: int = 0


async def import_ledger(
    actor: Actor,
    content: bytes,
    now: dt.datetime,
    *,
    import_good_rows: bool = False,
    plan_code: str | None = None,
    limits: SheetLimits | None = None,
) -> ImportResult:
    """Rows with the same source and description share one finding (found on the import date).
    The sheet is checked against ``limits`` before its cells are read."""
    require(actor, "rectification.import")
    if len(content) > MAX_FILE_BYTES:
        raise Invalid(f"文件超过{MAX_FILE_BYTES // 1_000_000} MB，请分成几个文件导入", ("content",))
    units = await units_by_name()
    parsed = await asyncio.to_thread(parse_ledger_sheet, content, units, limits)
    if parsed.errors and (not import_good_rows or not parsed.rows):
        return ImportResult(errors=parsed.errors, refused=True, error_count=parsed.error_count)
    if not parsed.rows:
        raise Invalid("表格里没有可导入的整改事项，请检查是否填写了内容", ("content",))
    result = ImportResult(errors=parsed.errors, error_count=parsed.error_count)
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        findings: dict[tuple[str, str | None, str], Finding] = {}
        for row in parsed.rows:
            finding = findings.get(_key(row))
            if finding is None:
                finding = findings[_key(row)] = await _finding(actor, plan.id, row, now)
            result.items.append(await _item(actor, finding, row, now, units))
        result.findings = len(findings)
        await audit.record(
            actor,
            "rectification.imported",
            "WorkPlan",
            plan.id,
            None,
            {
                "items": [i.id for i in result.items],
                "skipped_rows": sorted(parsed.bad_rows),
            },
            now=now,
        )
        uow.changed("rectification", plan.id)
    return result


def _key(row: SheetRow) -> tuple[str, str | None, str]:
    return (row.source.value, row.source_detail, row.description)


async def _finding(actor: Actor, plan_id: int, row: SheetRow, now: dt.datetime) -> Finding:
    finding = await Finding.create(
        plan_id=plan_id,
        source=row.source,
        source_detail=row.source_detail,
        description=row.description,
        found_on=local_date(now),
        created_by=actor.name,
        version=1,
        created_at=now,
        updated_at=now,
    )
    await audit.record(
        actor,
        "finding.created",
        "Finding",
        finding.id,
        None,
        {"source": row.source, "description": row.description, "imported_row": row.row},
        now=now,
    )
    return finding


async def _item(
    actor: Actor, finding: Finding, row: SheetRow, now: dt.datetime, units: Mapping[str, Unit]
) -> RectificationItem:
    draft = ItemDraft(
        measures=row.measures,
        deadline=row.deadline,
        responsible_unit_name=row.unit.name,
        responsible_persons=tuple(Person(p["name"], p["post"]) for p in row.persons),
    )
    return await create_item(
        actor,
        finding,
        draft,
        now,
        status=row.status,
        progress=row.progress,
        units=dict(units),
        check_deadline=False,
    )
