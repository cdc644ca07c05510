"""Attaching uploads as evidence (佐证材料) to a rectification item or a progress report: by
whoever may change that object (an item: its unit or the office; a report: its own unit while
a draft or returned), against the object's ``expected_version`` (the object's version goes up),
audited on the object so its history lists the files. Also the evidence of objects, for the
API, and the count per item, for the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import (
    Evidence,
    ProgressReport,
    RectificationItem,
    ReportingRound,
    Task,
    Unit,
    Upload,
)
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.reporting import report_event

MAX_PER_CALL = 20
_EDITABLE_REPORTS = (ReportStatus.DRAFT, ReportStatus.RETURNED)
Kind = Literal["item", "report"]


@dataclass(frozen=True, slots=True)
class EvidenceTarget:
    """What evidence is attached to: a rectification item or a progress report, by row key."""

    kind: Kind
    key: int


async def evidence_of(target: EvidenceTarget) -> list[tuple[Evidence, Upload]]:
    """The evidence of one object, oldest first (the caller checked it may read the object)."""
    column = "item_id" if target.kind == "item" else "report_id"
    links = await Evidence.filter(**{column: target.key}).order_by("id")
    uploads = {u.id: u for u in await Upload.filter(id__in=[link.upload_id for link in links])}
    return [(link, uploads[link.upload_id]) for link in links]


async def evidence_batch(kind: Kind, keys: Sequence[int]) -> list[list[tuple[Evidence, Upload]]]:
    """The evidence of many items or reports at once (two queries), oldest first, per key."""
    column = "item_id" if kind == "item" else "report_id"
    links = await Evidence.filter(**{f"{column}__in": list(keys)}).order_by("id")
    uploads = {u.id: u for u in await Upload.filter(id__in=[link.upload_id for link in links])}
    grouped: dict[int, list[tuple[Evidence, Upload]]] = {key: [] for key in keys}
    for link in links:
        owner = link.item_id if kind == "item" else link.report_id
        if owner is not None and owner in grouped:
            grouped[owner].append((link, uploads[link.upload_id]))
    return [grouped[key] for key in keys]


async def evidence_counts(item_ids: Sequence[int]) -> dict[int, int]:
    """How many files each rectification item carries (items without any are left out)."""
    counts: dict[int, int] = {}
    if not item_ids:
        return counts
    for link in await Evidence.filter(item_id__in=list(item_ids)):
        if link.item_id is not None:
            counts[link.item_id] = counts.get(link.item_id, 0) + 1
    return counts


async def _uploads(actor: Actor, upload_ids: Sequence[int]) -> list[Upload]:
    """The caller's own unattached uploads (another's upload is "not found": not revealed)."""
    if not upload_ids:
        raise Invalid("请至少选择一个已上传的文件", ("uploadIds",))
    if len(upload_ids) > MAX_PER_CALL:
        raise Invalid(f"一次最多添加 {MAX_PER_CALL} 个文件,请分批添加", ("uploadIds",))
    if len(set(upload_ids)) != len(upload_ids):
        raise Invalid("同一个文件选了两次,请去掉重复的", ("uploadIds",))
    found = {u.id: u for u in await Upload.filter(id__in=list(upload_ids))}
    for index, key in enumerate(upload_ids):
        upload = found.get(key)
        if upload is None or upload.uploaded_by != actor.name:
            raise NotFound("找不到这个上传的文件,请重新上传", ("uploadIds", str(index)))
    attached = {link.upload_id for link in await Evidence.filter(upload_id__in=list(upload_ids))}
    for index, key in enumerate(upload_ids):
        if key in attached:
            raise Conflict(
                f"文件“{found[key].name}”已经作为佐证材料添加过,如需再用请重新上传",
                ("uploadIds", str(index)),
            )
    return [found[key] for key in upload_ids]


async def _bump(
    model: type[RectificationItem] | type[ProgressReport],
    row: RectificationItem | ProgressReport,
    expected: int,
    now: dt.datetime,
) -> None:
    current = int(row.version)
    await check_version(model.__name__, row.id, current, expected, now)
    done = await model.filter(id=row.id, version=current).update(
        version=current + 1, updated_at=now
    )
    if done != 1:
        raise await changed_meanwhile(model.__name__, row.id, now)
    row.version = current + 1
    row.updated_at = now


async def _names(target: EvidenceTarget) -> list[str]:
    return [upload.name for _, upload in await evidence_of(target)]


async def _item(actor: Actor, key: int) -> RectificationItem:
    require(actor, "evidence.attach_item", actor.unit_id)  # the role first: nothing read
    item = await RectificationItem.get_or_none(id=key)
    if item is None:
        raise NotFound("找不到这个整改事项,请刷新后重试", ("itemId",))
    require(actor, "evidence.attach_item", item.responsible_unit_id)
    if item.voided_at is not None:
        raise Conflict("该整改事项已作废，不能再添加佐证材料", ("itemId",))
    if item.status is RectificationStatus.VERIFIED:
        raise Conflict("该整改事项已销号，不能再添加佐证材料", ("itemId",))
    return item


async def _report(actor: Actor, key: int) -> ProgressReport:
    require(actor, "evidence.attach_report", actor.unit_id)
    report = await ProgressReport.select_for_update().get_or_none(id=key)
    if report is None or report.unit_id != actor.unit_id:
        # another unit's report (perhaps a draft) is not revealed
        raise NotFound("找不到这份进展报告,请刷新后重试", ("itemId",))
    if report.status not in _EDITABLE_REPORTS:
        raise Conflict("报告已报送，不能再添加佐证材料;如需补充请等审核退回", ("itemId",))
    return report


async def attach_evidence(
    actor: Actor,
    target: EvidenceTarget,
    upload_ids: Sequence[int],
    expected_version: int,
    now: dt.datetime,
) -> list[tuple[Evidence, Upload]]:
    """Attach the caller's uploads to ``target``; answers the object's evidence after it."""
    async with UnitOfWork() as uow:
        row: RectificationItem | ProgressReport
        if target.kind == "item":
            row = await _item(actor, target.key)
        else:
            row = await _report(actor, target.key)
        uploads = await _uploads(actor, upload_ids)
        before: dict[str, Any] = {"evidence": await _names(target), "version": row.version}
        await _bump(type(row), row, expected_version, now)
        for upload in uploads:
            await Evidence.create(
                upload_id=upload.id,
                item_id=target.key if target.kind == "item" else None,
                report_id=target.key if target.kind == "report" else None,
                attached_by=actor.name,
                attached_at=now,
            )
        after = {"evidence": await _names(target), "version": row.version}
        if isinstance(row, RectificationItem):
            await audit.record(
                actor,
                "rectification.evidence_attached",
                "RectificationItem",
                row.id,
                before,
                after,
                now=now,
            )
            uow.changed("rectification", row.plan_id)
        else:
            await audit.record(
                actor, "report.evidence_attached", "ProgressReport", row.id, before, after, now=now
            )
            round_ = await ReportingRound.get(id=row.round_id)
            task = await Task.get(id=row.task_id)
            unit = await Unit.get(id=row.unit_id)
            uow.changed("report", round_.plan_id, report_event(row, task.number, unit.name))
        return await evidence_of(target)
