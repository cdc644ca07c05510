"""Use cases: record a finding (发现问题) with the rectification items it opens, and update it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Finding, Supervision
from tongnan.domain.models.supervision import FindingSource, Severity
from tongnan.domain.supervision.ledger_common import (
    check_tasks,
    get_row,
    resolve_units,
    save_versioned,
    text,
)
from tongnan.domain.supervision.rectification import ItemDraft, create_item


@dataclass(frozen=True, slots=True)
class FindingDraft:
    description: str
    source: FindingSource
    found_on: dt.date
    source_detail: str | None = None  # the source's name, required for OTHER
    severity: Severity = Severity.GENERAL
    supervision_id: int | None = None
    task_numbers: tuple[int, ...] = ()
    unit_names: tuple[str, ...] = ()
    items: tuple[ItemDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class FindingChanges:
    description: str | None = None
    severity: Severity | None = None
    task_numbers: tuple[int, ...] | None = None
    unit_names: tuple[str, ...] | None = None


def source_detail(source: FindingSource, detail: str | None) -> str | None:
    detail = (detail or "").strip() or None
    if source is FindingSource.OTHER and detail is None:
        raise Invalid("问题来源选“其他”时，请写明具体来源", ("sourceName",))
    if detail is not None and len(detail) > 128:
        raise Invalid("问题来源最多填写128字", ("sourceName",))
    return detail if source is FindingSource.OTHER else None


def state(row: Finding) -> dict[str, Any]:
    return {
        "source": row.source,
        "source_detail": row.source_detail,
        "description": row.description,
        "severity": row.severity,
        "supervision_id": row.supervision_id,
        "task_numbers": row.task_numbers,
        "unit_ids": row.unit_ids,
        "found_on": row.found_on,
        "version": row.version,
    }


async def create_finding(
    actor: Actor, draft: FindingDraft, now: dt.datetime, plan_code: str | None = None
) -> Finding:
    """Record a problem and open its rectification items, in one transaction."""
    require(actor, "finding.create")
    description = text(draft.description, ("description",), "问题描述")
    detail = source_detail(draft.source, draft.source_detail)
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        if draft.supervision_id is not None:
            supervision = await Supervision.get_or_none(id=draft.supervision_id, plan_id=plan.id)
            if supervision is None:
                raise NotFound(
                    f"工作方案{plan.code}中没有第{draft.supervision_id}号督查，请核对后重新选择",
                    ("supervisionId",),
                )
        tasks = await check_tasks(plan, draft.task_numbers, ("taskNumbers",))
        units = await resolve_units(draft.unit_names, ("unitNames",))
        finding = await Finding.create(
            plan_id=plan.id,
            supervision_id=draft.supervision_id,
            source=draft.source,
            source_detail=detail,
            description=description,
            severity=draft.severity,
            task_numbers=tasks,
            unit_ids=[u.id for u in units],
            found_on=draft.found_on,
            created_by=actor.name,
            version=1,
            created_at=now,
            updated_at=now,
        )
        await audit.record(
            actor, "finding.created", "Finding", finding.id, None, state(finding), now=now
        )
        for index, item in enumerate(draft.items):
            await create_item(actor, finding, item, now, ("items", str(index)))
        uow.changed("rectification", plan.id)
        return finding


async def update_finding(
    actor: Actor,
    finding_id: int,
    expected_version: int,
    changes: FindingChanges,
    now: dt.datetime,
) -> Finding:
    require(actor, "finding.update")
    async with UnitOfWork() as uow:
        row = await get_row(Finding, finding_id, ("id",))
        before = state(row)
        values: dict[str, Any] = {"updated_at": now}
        if changes.description is not None:
            values["description"] = text(changes.description, ("description",), "问题描述")
        if changes.severity is not None:
            values["severity"] = changes.severity
        if changes.task_numbers is not None:
            plan = await row.plan
            values["task_numbers"] = await check_tasks(plan, changes.task_numbers, ("taskNumbers",))
        if changes.unit_names is not None:
            units = await resolve_units(changes.unit_names, ("unitNames",))
            values["unit_ids"] = [u.id for u in units]
        row = await save_versioned(Finding, row, expected_version, values)
        await audit.record(actor, "finding.updated", "Finding", row.id, before, state(row), now=now)
        uow.changed("rectification", row.plan_id)
        return row
