"""Use cases: export the ledger to an .xlsx file, and import one in a single step."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field, replace

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import Evidence, RectificationItem, Unit
from tongnan.domain.supervision.ledger import LedgerRows
from tongnan.domain.supervision.ledger_import import apply_import, preview_import
from tongnan.domain.supervision.ledger_import_plan import Outcome
from tongnan.domain.supervision.ledger_xlsx import ItemTexts, SheetError, ledger_workbook
from tongnan.domain.supervision.sheet_limits import SheetLimits

FEW = 500  # at most this many rows: read their texts by id; more: the plan's


@dataclass(frozen=True, slots=True)
class LedgerFile:
    filename: str
    content: bytes
    rows: int


async def _evidence_counts(plan_id: int, ids: list[int]) -> dict[int, int]:
    """How many evidence files (佐证材料) each item carries."""
    query = Evidence.filter(item__plan_id=plan_id)
    if len(ids) <= FEW:
        query = query.filter(item_id__in=ids)
    counts: dict[int, int] = {}
    for link in await query.only("id", "item_id"):
        if link.item_id is not None:
            counts[link.item_id] = counts.get(link.item_id, 0) + 1
    return counts


async def export_ledger(rows: LedgerRows, today: dt.date | None = None) -> LedgerFile:
    """Ledger rows (see ``load_ledger``) as .xlsx: three queries (texts, evidence counts, unit
    names); the sheet is
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
    counts = await _evidence_counts(rows.plan_id, ids)
    texts = {key: replace(t, evidence=counts.get(key, 0)) for key, t in texts.items()}
    unit_ids = {line.unit_id for line in rows.lines}
    names = {u.id: u.name for u in await Unit.filter(id__in=unit_ids).only("id", "name")}
    content = await asyncio.to_thread(ledger_workbook, rows, texts, names)
    stamp = f"-{today:%Y%m%d}" if today is not None else ""
    return LedgerFile(f"整改台账{stamp}.xlsx", content, len(rows.lines))


@dataclass(slots=True)
class ImportResult:
    """``refused``: some rows could not be imported and nothing was (without
    ``import_good_rows``). ``items``: the items created, then the items updated."""

    items: list[RectificationItem] = field(default_factory=list)
    findings: int = 0
    errors: list[SheetError] = field(default_factory=list)  # the first ``max_errors`` of them
    refused: bool = False
    error_count: int = 0  # all of them


async def import_ledger(
    actor: Actor,
    content: bytes,
    now: dt.datetime,
    *,
    import_good_rows: bool = False,
    plan_code: str | None = None,
    limits: SheetLimits | None = None,
) -> ImportResult:
    """Preview and apply in one step (the older API): rows with a 编号 update their item, rows
    without one create items, repeats and bad rows are refused; any refused row stops the
    import unless ``import_good_rows``."""
    limits = limits or SheetLimits()
    preview = await preview_import(actor, content, now, plan_code=plan_code, limits=limits)
    errors = [e for row in preview.rows for e in row.reasons]
    first, count = errors[: limits.max_errors], len(errors)
    if errors and (not import_good_rows or preview.count(Outcome.REFUSED) == len(preview.rows)):
        return ImportResult(errors=first, refused=True, error_count=count)
    applied = await apply_import(
        actor, content, preview.token, now, plan_code=plan_code, limits=limits
    )
    return ImportResult(
        items=applied.created + applied.updated,
        findings=applied.findings_created,
        errors=first,
        error_count=count,
    )
