"""Use cases on rectification items (整改事项): open, edit, report progress, verify or reject,
void (作废: kept and audited, but out of the figures, the warnings and the derived group).

Every change is checked against the caller's ``expected_version`` (a stale one is a CONFLICT),
audited, and announced so the derived group 各问题整改责任单位 and the ledger are re-read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import UnitKind
from tongnan.domain.models import (
    Evidence,
    Finding,
    RectificationItem,
    RectificationUpdate,
    Unit,
)
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.rules.rectification import (
    DONE,
    Event,
    InvalidTransition,
    after_progress,
    transition,
)
from tongnan.domain.supervision.ledger_common import (
    Person,
    get_row,
    person_records,
    save_versioned,
    text,
    units_by_name,
)


@dataclass(frozen=True, slots=True)
class ItemDraft:
    measures: str
    deadline: dt.date
    responsible_unit_name: str
    responsible_persons: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemChanges:
    """None leaves a field as it is. Deadline and unit are the office's (rescheduling)."""

    measures: str | None = None
    responsible_persons: tuple[Person, ...] | None = None
    deadline: dt.date | None = None
    responsible_unit_name: str | None = None


def state(item: RectificationItem) -> dict[str, Any]:
    return {
        "finding_id": item.finding_id,
        "measures": item.measures,
        "deadline": item.deadline,
        "responsible_unit_id": item.responsible_unit_id,
        "responsible_persons": item.responsible_persons,
        "status": item.status,
        "returned": item.returned,
        "latest_progress": item.latest_progress,
        "latest_progress_on": item.latest_progress_on,
        "verification_note": item.verification_note,
        "voided_at": item.voided_at,
        "void_reason": item.void_reason,
        "version": item.version,
    }


async def _unit(name: str, field: tuple[str, ...], known: dict[str, Unit] | None) -> Unit:
    """The concrete unit called ``name`` (``known``: names already loaded, for many rows)."""
    names = known if known is not None else await units_by_name()
    unit = names.get(name.strip())
    if unit is None:
        raise NotFound(unknown_unit_message(name, names), field)
    if unit.kind is UnitKind.GROUP:
        raise Invalid(f"{unit.name}是单位组，请写明具体负责整改的单位", field)
    return unit


async def create_item(
    actor: Actor,
    finding: Finding,
    draft: ItemDraft,
    now: dt.datetime,
    field: tuple[str, ...] = (),
    *,
    status: RectificationStatus = RectificationStatus.OPEN,
    progress: str | None = None,
    units: dict[str, Unit] | None = None,
    check_deadline: bool = True,
) -> RectificationItem:
    """Store one item of ``finding`` (inside the caller's transaction; the caller checked who).

    An import may bring items already past their deadline (``check_deadline=False``); no
    item is born VERIFIED (销号 is the office's check of a completed item).
    """
    if status is RectificationStatus.VERIFIED:
        raise Invalid("新事项不能直接记为已销号：销号须由专班办公室核查后办理", (*field, "status"))
    measures = text(draft.measures, (*field, "measures"), "整改措施")
    if check_deadline and draft.deadline < finding.found_on:
        raise Invalid(
            f"整改时限{draft.deadline}早于发现问题的日期{finding.found_on}，请核对时限",
            (*field, "deadline"),
        )
    unit = await _unit(draft.responsible_unit_name, (*field, "responsibleUnitName"), units)
    item = await RectificationItem.create(
        plan_id=finding.plan_id,
        finding_id=finding.id,
        responsible_unit_id=unit.id,
        measures=measures,
        deadline=draft.deadline,
        responsible_persons=person_records(
            draft.responsible_persons, (*field, "responsiblePersons")
        ),
        status=status,
        latest_progress=progress or None,
        latest_progress_on=local_date(now) if progress else None,
        completed_at=now if status in DONE else None,
        created_by=actor.name,
        version=1,
        created_at=now,
        updated_at=now,
    )
    await audit.record(
        actor, "rectification.opened", "RectificationItem", item.id, None, state(item), now=now
    )
    return item


async def open_item(
    actor: Actor, finding_id: int, draft: ItemDraft, now: dt.datetime
) -> RectificationItem:
    """Open one more item on a finding."""
    require(actor, "rectification.open")
    async with UnitOfWork() as uow:
        finding = await get_row(Finding, finding_id, ("findingId",))
        item = await create_item(actor, finding, draft, now)
        uow.changed("rectification", finding.plan_id)
        return item


async def _item_for(actor: Actor, action: str, item_id: int) -> RectificationItem:
    require(actor, action, actor.unit_id)  # the role first: nothing is read for others
    item = await get_row(RectificationItem, item_id, ("itemId",))
    require(actor, action, item.responsible_unit_id)
    _not_voided(item)
    return item


def _not_voided(item: RectificationItem) -> None:
    if item.voided_at is not None:
        raise Conflict("该整改事项已作废，不能再办理", ("itemId",))


async def edit_item(
    actor: Actor, item_id: int, expected_version: int, changes: ItemChanges, now: dt.datetime
) -> RectificationItem:
    """Measures and persons: the responsible unit or the office; deadline and unit: the office."""
    async with UnitOfWork() as uow:
        item = await _item_for(actor, "rectification.edit", item_id)
        if changes.deadline is not None or changes.responsible_unit_name is not None:
            require(actor, "rectification.reschedule")
        if item.status is RectificationStatus.VERIFIED:
            raise Conflict("该整改事项已销号，不能再修改", ("itemId",))
        before = state(item)
        values: dict[str, Any] = {"updated_at": now}
        if changes.measures is not None:
            values["measures"] = text(changes.measures, ("measures",), "整改措施")
        if changes.responsible_persons is not None:
            values["responsible_persons"] = person_records(
                changes.responsible_persons, ("responsiblePersons",)
            )
        if changes.deadline is not None:
            values["deadline"] = changes.deadline
        if changes.responsible_unit_name is not None:
            unit = await _unit(changes.responsible_unit_name, ("responsibleUnitName",), None)
            values["responsible_unit_id"] = unit.id
        item = await save_versioned(RectificationItem, item, expected_version, values)
        await audit.record(
            actor,
            "rectification.edited",
            "RectificationItem",
            item.id,
            before,
            state(item),
            now=now,
        )
        uow.changed("rectification", item.plan_id)
        return item


async def record_progress(
    actor: Actor,
    item_id: int,
    expected_version: int,
    reported_on: dt.date,
    content: str,
    now: dt.datetime,
    *,
    complete: bool = False,
) -> tuple[RectificationItem, RectificationUpdate]:
    """定期调度: the responsible unit says what it did by ``reported_on``; ``complete`` marks
    the item done (the office then verifies it)."""
    what = text(content, ("content",), "整改进展")
    if reported_on > local_date(now):
        raise Invalid(f"报送日期{reported_on}还没到，请填写今天或以前的日期", ("reportedOn",))
    async with UnitOfWork() as uow:
        item = await _item_for(actor, "rectification.progress", item_id)
        try:
            status = after_progress(item.status, complete=complete)
        except InvalidTransition as error:
            raise Conflict(str(error), ("itemId",)) from None
        before = state(item)
        values: dict[str, Any] = {
            "status": status,
            "latest_progress": what,
            "latest_progress_on": reported_on,
            "updated_at": now,
        }
        if status is RectificationStatus.COMPLETED:
            values |= {"completed_at": now, "returned": False}
        item = await save_versioned(RectificationItem, item, expected_version, values)
        update = await RectificationUpdate.create(
            item_id=item.id,
            reported_on=reported_on,
            content=what,
            status_after=status,
            author=actor.name,
            author_unit=actor.unit_name,
            created_at=now,
        )
        action = "rectification.completed" if complete else "rectification.progressed"
        await audit.record(
            actor, action, "RectificationItem", item.id, before, state(item), now=now
        )
        uow.changed("rectification", item.plan_id)
        return item, update


async def _check(
    actor: Actor,
    item_id: int,
    expected_version: int,
    note: str,
    now: dt.datetime,
    event: Event,
    *,
    requires_evidence: bool = False,
) -> RectificationItem:
    require(actor, "rectification.verify")
    remark = text(note, ("note",), "审核意见")
    async with UnitOfWork() as uow:
        item = await get_row(RectificationItem, item_id, ("itemId",))
        _not_voided(item)
        try:
            status = transition(item.status, event)
        except InvalidTransition as error:
            raise Conflict(str(error), ("itemId",)) from None
        if requires_evidence and not await Evidence.filter(item_id=item.id).exists():
            raise Invalid(
                "该整改事项还没有佐证材料，不能销号：请责任单位先上传整改佐证材料(照片、文件等)",
                ("itemId",),
            )
        before = state(item)
        values: dict[str, Any] = {"status": status, "verification_note": remark, "updated_at": now}
        if event is Event.VERIFY:
            values |= {"verified_at": now, "verified_by": actor.name}
        else:
            values |= {"returned": True, "completed_at": None}
        item = await save_versioned(RectificationItem, item, expected_version, values)
        action = "rectification.verified" if event is Event.VERIFY else "rectification.rejected"
        await audit.record(
            actor, action, "RectificationItem", item.id, before, state(item), now=now
        )
        uow.changed("rectification", item.plan_id)
        return item


async def verify_item(
    actor: Actor,
    item_id: int,
    expected_version: int,
    note: str,
    now: dt.datetime,
    *,
    requires_evidence: bool = False,
) -> RectificationItem:
    """销号: the office confirms a COMPLETED item, with a note; ``requires_evidence``
    (TONGNAN_VERIFY_REQUIRES_EVIDENCE): an item without evidence (佐证材料) is refused."""
    return await _check(
        actor,
        item_id,
        expected_version,
        note,
        now,
        Event.VERIFY,
        requires_evidence=requires_evidence,
    )


async def reject_item(
    actor: Actor, item_id: int, expected_version: int, note: str, now: dt.datetime
) -> RectificationItem:
    """Verification failed: the item goes back to IN_PROGRESS (returned for rework)."""
    return await _check(actor, item_id, expected_version, note, now, Event.REJECT)


async def void_item(
    actor: Actor, item_id: int, expected_version: int, reason: str, now: dt.datetime
) -> RectificationItem:
    """作废 (the office): the item is kept, struck through in the ledger, and left out of the
    completion rates, the warnings and the derived group 各问题整改责任单位."""
    require(actor, "rectification.void")
    why = text(reason, ("reason",), "the reason (作废原因)")
    async with UnitOfWork() as uow:
        item = await get_row(RectificationItem, item_id, ("itemId",))
        _not_voided(item)
        before = state(item)
        values: dict[str, Any] = {
            "voided_at": now,
            "voided_by": actor.name,
            "void_reason": why,
            "updated_at": now,
        }
        item = await save_versioned(RectificationItem, item, expected_version, values)
        await audit.record(
            actor,
            "rectification.voided",
            "RectificationItem",
            item.id,
            before,
            state(item),
            now=now,
        )
        uow.changed("rectification", item.plan_id)
        return item
