"""Use cases: preview a ledger sheet's import, then apply that preview (its token).

The preview says per row what importing would do; its token is the sheet's content hash and a
fingerprint of the ledger rows it concerns. Applying recomputes the preview inside the write
transaction and refuses (CONFLICT) a sheet, or a ledger, that changed since.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Conflict, Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import (
    Finding,
    RectificationItem,
    RectificationUpdate,
    Unit,
    WorkPlan,
)
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.supervision.ledger_common import Person, save_versioned, units_by_name
from tongnan.domain.supervision.ledger_import_plan import (
    FindingKey,
    ItemState,
    Outcome,
    RowPlan,
    plan_import,
    state_hash,
    summary,
)
from tongnan.domain.supervision.ledger_xlsx import parse_ledger_sheet
from tongnan.domain.supervision.rectification import ItemDraft, create_item, state
from tongnan.domain.supervision.sheet_limits import SheetLimits

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class ImportPreview:
    token: str
    rows: tuple[RowPlan, ...]

    @property
    def summary(self) -> str:
        return summary(self.rows)

    def count(self, outcome: Outcome) -> int:
        return sum(r.outcome is outcome for r in self.rows)

    def text(self) -> str:
        """The preview as a clerk reads it: the summary, then one line per row."""
        return "\n".join([self.summary, *(r.text() for r in self.rows)])


@dataclass(slots=True)
class AppliedImport:
    preview: ImportPreview
    created: list[RectificationItem] = field(default_factory=list)
    updated: list[RectificationItem] = field(default_factory=list)
    findings_created: int = 0


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]


async def _item_states(plan_id: int) -> tuple[dict[int, ItemState], dict[FindingKey, int]]:
    findings = {f.id: f for f in await Finding.filter(plan_id=plan_id)}
    items = await RectificationItem.filter(plan_id=plan_id).order_by("id")
    names = {
        u.id: u.name
        for u in await Unit.filter(id__in={i.responsible_unit_id for i in items}).only("id", "name")
    }
    states = {}
    for item in items:
        finding = findings[item.finding_id]
        states[item.id] = ItemState(
            id=item.id,
            version=item.version,
            finding_id=item.finding_id,
            source=finding.source,
            source_detail=finding.source_detail,
            description=finding.description,
            unit_id=item.responsible_unit_id,
            unit_name=names.get(item.responsible_unit_id, ""),
            measures=item.measures,
            deadline=item.deadline,
            persons=list(item.responsible_persons or ()),
            progress=item.latest_progress,
            status=item.status,
            voided=item.voided_at is not None,
        )
    keys: dict[FindingKey, int] = {}
    for finding in sorted(findings.values(), key=lambda f: f.id):
        keys.setdefault(
            (finding.source.value, finding.source_detail, finding.description), finding.id
        )
    return states, keys


async def _preview(
    plan: WorkPlan, content: bytes, today: dt.date, limits: SheetLimits | None
) -> ImportPreview:
    if len(content) > MAX_FILE_BYTES:
        raise Invalid(f"文件超过{MAX_FILE_BYTES // 1_000_000}MB", ("content",))
    parsed = await asyncio.to_thread(parse_ledger_sheet, content, await units_by_name(), limits)
    if parsed.problem is not None:
        raise Invalid(str(parsed.problem), ("content",))
    if not parsed.rows and not parsed.errors:
        raise Invalid("表格中没有可导入的行", ("content",))
    items, findings = await _item_states(plan.id)
    rows = tuple(plan_import(parsed, items, findings, today))
    return ImportPreview(f"{content_hash(content)}.{state_hash(rows)}", rows)


async def preview_import(
    actor: Actor,
    content: bytes,
    now: dt.datetime,
    *,
    plan_code: str | None = None,
    limits: SheetLimits | None = None,
) -> ImportPreview:
    """What importing ``content`` would do, row by row; nothing is written. The sheet is
    checked against ``limits`` before its cells are read."""
    require(actor, "rectification.import")
    return await _preview(await current_plan(plan_code), content, local_date(now), limits)


async def apply_import(
    actor: Actor,
    content: bytes,
    token: str,
    now: dt.datetime,
    *,
    plan_code: str | None = None,
    limits: SheetLimits | None = None,
) -> AppliedImport:
    """Do what the preview with ``token`` said: create and update those rows, nothing else."""
    require(actor, "rectification.import")
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        sheet_part, _, ledger_part = token.partition(".")
        if sheet_part != content_hash(content):
            raise Conflict("表格在预览之后有改动，请重新预览后再导入", ("previewToken",))
        preview = await _preview(plan, content, local_date(now), limits)
        if preview.token.partition(".")[2] != ledger_part:
            raise Conflict("预览之后台账中相关事项已有变动，请重新预览后再导入", ("previewToken",))
        result = AppliedImport(preview)
        new_findings: dict[FindingKey, Finding] = {}
        for row in preview.rows:
            if row.outcome is Outcome.CREATED:
                result.created.append(await _create(actor, plan, row, now, new_findings))
            elif row.outcome is Outcome.UPDATED:
                result.updated.append(await _update(actor, row, now))
        result.findings_created = len(new_findings)
        await audit.record(
            actor,
            "rectification.imported",
            "WorkPlan",
            plan.id,
            None,
            {
                "created": [i.id for i in result.created],
                "updated": [i.id for i in result.updated],
                "refused_rows": [r.row for r in preview.rows if r.outcome is Outcome.REFUSED],
                "token": token,
            },
            now=now,
        )
        uow.changed("rectification", plan.id)
    return result


async def _create(
    actor: Actor,
    plan: WorkPlan,
    row: RowPlan,
    now: dt.datetime,
    new_findings: dict[FindingKey, Finding],
) -> RectificationItem:
    sheet = row.sheet
    assert sheet is not None
    key: FindingKey = (sheet.source.value, sheet.source_detail, sheet.description)
    finding = await Finding.get(id=row.finding_id) if row.finding_id else new_findings.get(key)
    if finding is None:
        finding = new_findings[key] = await Finding.create(
            plan_id=plan.id,
            source=sheet.source,
            source_detail=sheet.source_detail,
            description=sheet.description,
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
            {"source": sheet.source, "description": sheet.description, "imported_row": sheet.row},
            now=now,
        )
    draft = ItemDraft(
        measures=sheet.measures,
        deadline=sheet.deadline,
        responsible_unit_name=sheet.unit.name,
        responsible_persons=tuple(Person(p["name"], p["post"]) for p in sheet.persons or ()),
    )
    return await create_item(
        actor,
        finding,
        draft,
        now,
        status=row.status or RectificationStatus.OPEN,
        progress=sheet.progress,
        check_deadline=False,
    )


async def _update(actor: Actor, row: RowPlan, now: dt.datetime) -> RectificationItem:
    sheet = row.sheet
    assert sheet is not None and row.item_id is not None and row.item_version is not None
    item = await RectificationItem.get(id=row.item_id)
    before = state(item)
    values: dict[str, Any] = {"updated_at": now}
    changed = {c.field for c in row.changes}
    if "measures" in changed:
        values["measures"] = sheet.measures
    if "deadline" in changed:
        values["deadline"] = sheet.deadline
    if "persons" in changed:
        values["responsible_persons"] = sheet.persons
    if "progress" in changed:
        values |= {"latest_progress": sheet.progress, "latest_progress_on": local_date(now)}
    if "status" in changed and row.status is not None:
        values["status"] = row.status
        if row.status is RectificationStatus.COMPLETED:
            values |= {"completed_at": now, "returned": False}
    item = await save_versioned(RectificationItem, item, row.item_version, values)
    if changed & {"progress", "status"}:
        await RectificationUpdate.create(
            item_id=item.id,
            reported_on=local_date(now),
            content=sheet.progress or item.latest_progress or "（随台账导入）",
            status_after=item.status,
            author=actor.name,
            author_unit=actor.unit_name,
            created_at=now,
        )
    await audit.record(
        actor,
        "rectification.import_updated",
        "RectificationItem",
        item.id,
        before,
        state(item) | {"imported_row": row.row},
        now=now,
    )
    return item
