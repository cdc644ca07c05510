"""Urge notices (催办): what a unit has overdue, and the notice the office issues about it.

A notice stores what its document needs (unit, items with due dates and days overdue, date,
sequence number); the official-documents work renders it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from tongnan.domain import notifications
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import (
    Finding,
    Obligation,
    ProgressReport,
    RectificationItem,
    ReportingRound,
    Task,
    UrgeNotice,
    WorkPlan,
)
from tongnan.domain.models.reporting import ReportStatus, RoundStatus
from tongnan.domain.models.supervision import RectificationStatus, UrgedKind
from tongnan.domain.rules.warnings import days_late
from tongnan.domain.supervision.ledger_common import resolve_units

REPORTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
NOT_DONE = (RectificationStatus.OPEN, RectificationStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class OverdueEntry:
    """One overdue thing: a rectification item, or a progress report owed in an open round."""

    kind: UrgedKind
    ref_id: int  # the item's id, or the obligation's id
    text: str
    due_date: dt.date
    days_overdue: int

    def record(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "ref_id": self.ref_id,
            "text": self.text,
            "due_date": self.due_date.isoformat(),
            "days_overdue": self.days_overdue,
        }


async def _overdue_items(plan: WorkPlan, unit_id: int, today: dt.date) -> list[OverdueEntry]:
    items = await RectificationItem.filter(
        plan_id=plan.id,
        responsible_unit_id=unit_id,
        status__in=NOT_DONE,
        deadline__lt=today,
        voided_at__isnull=True,
    ).order_by("deadline", "id")
    if not items:
        return []
    findings = {
        f.id: f
        for f in await Finding.filter(id__in={i.finding_id for i in items}).only(
            "id", "source", "source_detail", "description"
        )
    }
    return [
        OverdueEntry(
            UrgedKind.RECTIFICATION,
            item.id,
            f"{findings[item.finding_id].source_name}问题整改:{findings[item.finding_id].description}",
            item.deadline,
            days_late(item.deadline, today),
        )
        for item in items
    ]


async def _overdue_reports(plan: WorkPlan, unit_id: int, today: dt.date) -> list[OverdueEntry]:
    rounds = {
        r.id: r
        for r in await ReportingRound.filter(
            plan_id=plan.id, status=RoundStatus.OPEN, due_date__lt=today
        )
    }
    if not rounds:
        return []
    owed = await Obligation.filter(round_id__in=list(rounds), unit_id=unit_id).order_by("id")
    done = {
        r.obligation_id
        for r in await ProgressReport.filter(
            obligation_id__in=[o.id for o in owed], status__in=REPORTED
        ).only("id", "obligation_id")
    }
    tasks = {t.id: t for t in await Task.filter(plan_id=plan.id).only("id", "label", "title")}
    return [
        OverdueEntry(
            UrgedKind.REPORT,
            o.id,
            f"{tasks[o.task_id].label}{tasks[o.task_id].title}({rounds[o.round_id].name}进展情况)",
            rounds[o.round_id].due_date,
            days_late(rounds[o.round_id].due_date, today),
        )
        for o in owed
        if o.id not in done
    ]


async def overdue_of_unit(
    plan: WorkPlan, unit_id: int, today: dt.date, *, reports: bool = True
) -> list[OverdueEntry]:
    """Everything of the unit past its due date on ``today``, longest overdue first."""
    entries = await _overdue_items(plan, unit_id, today)
    if reports:
        entries += await _overdue_reports(plan, unit_id, today)
    entries.sort(key=lambda e: (-e.days_overdue, e.kind.value, e.ref_id))
    return entries


async def issue_urge_notice(
    actor: Actor,
    unit_name: str,
    today: dt.date,
    now: dt.datetime,
    *,
    item_ids: Sequence[int] | None = None,
    include_reports: bool = True,
    plan_code: str | None = None,
) -> UrgeNotice:
    """催办: record a notice to ``unit`` about its overdue items (all, or those named)."""
    require(actor, "urge.issue")
    try:
        return await _issue(actor, unit_name, today, now, item_ids, include_reports, plan_code)
    except IntegrityError:  # another notice took the sequence number first: number again
        return await _issue(actor, unit_name, today, now, item_ids, include_reports, plan_code)


async def _issue(
    actor: Actor,
    unit_name: str,
    today: dt.date,
    now: dt.datetime,
    item_ids: Sequence[int] | None,
    include_reports: bool,
    plan_code: str | None,
) -> UrgeNotice:
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        unit = (await resolve_units([unit_name], ("unitName",)))[0]
        entries = await overdue_of_unit(plan, unit.id, today, reports=include_reports)
        if item_ids is not None:
            overdue = {e.ref_id for e in entries if e.kind is UrgedKind.RECTIFICATION}
            for index, item_id in enumerate(item_ids):
                if item_id not in overdue:
                    raise Invalid(
                        f"第{item_id}号整改事项截至{today}不是{unit.name}的逾期事项，"
                        "不能写进催办通知",
                        ("itemIds", str(index)),
                    )
            chosen = set(item_ids)
            entries = [e for e in entries if e.kind is UrgedKind.REPORT or e.ref_id in chosen]
        if not entries:
            raise Invalid(f"截至{today}，{unit.name}没有逾期事项，无需催办", ("unitName",))
        last = await UrgeNotice.filter(plan_id=plan.id).order_by("-sequence").first()
        notice = await UrgeNotice.create(
            plan_id=plan.id,
            unit_id=unit.id,
            sequence=(last.sequence if last is not None else 0) + 1,
            issued_on=today,
            items=[e.record() for e in entries],
            issued_by=actor.name,
            created_at=now,
        )
        await audit.record(
            actor,
            "urge.issued",
            "UrgeNotice",
            notice.id,
            None,
            {"unit": unit.name, "sequence": notice.sequence, "items": notice.items},
            now=now,
        )
        await notifications.urge_issued(notice, now, uow)
        uow.changed("urge", plan.id)
        return notice


@dataclass(frozen=True, slots=True)
class UrgeCount:
    unit_id: int
    count: int
    last_issued_on: dt.date


async def urge_counts(plan_id: int) -> list[UrgeCount]:
    """How many notices each unit has had, most first."""
    counts: dict[int, list[dt.date]] = {}
    for unit_id, issued_on in await UrgeNotice.filter(plan_id=plan_id).values_list(
        "unit_id", "issued_on"
    ):
        counts.setdefault(int(unit_id), []).append(issued_on)
    out = [UrgeCount(u, len(days), max(days)) for u, days in counts.items()]
    out.sort(key=lambda c: (-c.count, c.unit_id))
    return out
