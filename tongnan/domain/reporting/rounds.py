"""Use cases: open a reporting round (调度) with the obligations it creates, and close it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tongnan.domain import notifications
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.confirmation import confirm_or_ask
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import Obligation, ReportingRound
from tongnan.domain.models.reporting import RoundKind, RoundStatus
from tongnan.domain.plans import load_plan_view
from tongnan.domain.reporting.duties import DutyResolver


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class OpenedRound:
    round: ReportingRound
    obligations: int
    unresolved: tuple[str, ...]


async def open_round(
    actor: Actor,
    name: str,
    kind: RoundKind,
    due_date: dt.date,
    resolver: DutyResolver,
    now: dt.datetime,
    task_numbers: list[int] | None = None,
    plan_code: str | None = None,
    *,
    confirm: bool = False,
) -> OpenedRound:
    """Open a round for some tasks (default: all) and record, from the responsibility matrix,
    every concrete unit that owes a report in it. A due date already past must be confirmed."""
    require(actor, "round.open")
    name = name.strip()
    if not name:
        raise Invalid("请填写调度名称，例如“2025年6月调度”", ("name",))
    today = local_date(now)
    if due_date < today:
        confirm_or_ask(
            confirm,
            f"截止日期{_chinese(due_date)}已过（今天是{_chinese(today)}），"
            "开启后各单位一报送即为逾期",
            ("dueDate",),
        )
    async with UnitOfWork() as uow:
        view = await load_plan_view(plan_code)
        plan = view.plan
        numbers = sorted(set(task_numbers)) if task_numbers else [t.number for t in view.tasks]
        missing = [n for n in numbers if n not in view.tasks_by_number]
        if missing:
            raise NotFound(f"工作方案{plan.code}中没有第{missing[0]}项任务", ("taskNumbers",))
        if await ReportingRound.exists(plan_id=plan.id, name=name):
            raise Conflict(f"工作方案{plan.code}已有名为“{name}”的调度，请换一个名称", ("name",))
        duties = resolver.duties(view.snapshot(), numbers)
        opened = await ReportingRound.create(
            plan_id=plan.id,
            name=name,
            kind=kind,
            due_date=due_date,
            status=RoundStatus.OPEN,
            opened_at=now,
            opened_by=actor.name,
            task_numbers=numbers,
        )
        await Obligation.bulk_create(
            [
                Obligation(
                    round_id=opened.id,
                    task_id=o.task_id,
                    unit_id=o.unit_id,
                    kind=o.kind,
                    via="、".join(o.via) or None,
                )
                for o in duties.obligations
            ]
        )
        await audit.record(
            actor,
            "round.opened",
            "ReportingRound",
            opened.id,
            None,
            {
                "plan": plan.code,
                "name": name,
                "kind": kind,
                "due_date": due_date,
                "tasks": numbers,
                "obligations": len(duties.obligations),
                "unresolved": list(duties.unresolved),
            },
            now=now,
        )
        await notifications.round_opened(opened, now, uow)
        uow.changed("round", plan.id)
    return OpenedRound(opened, len(duties.obligations), duties.unresolved)


async def close_round(
    actor: Actor, round_id: int, now: dt.datetime, *, expected_version: int
) -> ReportingRound:
    """Close a round (reports are no longer taken); ``expected_version``: the round as read."""
    require(actor, "round.close")
    async with UnitOfWork() as uow:
        found = await ReportingRound.get_or_none(id=round_id)
        if found is None:
            raise NotFound(f"找不到第{round_id}号调度，请刷新后重新选择", ("roundId",))
        await check_version("ReportingRound", found.id, found.version, expected_version, now)
        if found.status is RoundStatus.CLOSED:
            raise Conflict(f"调度“{found.name}”已经结束，无需再次结束", ("roundId",))
        written = await ReportingRound.filter(id=found.id, version=found.version).update(
            status=RoundStatus.CLOSED, closed_at=now, version=found.version + 1
        )
        if written != 1:
            raise await changed_meanwhile("ReportingRound", found.id, now)
        found.status, found.closed_at = RoundStatus.CLOSED, now
        found.version += 1
        await audit.record(
            actor,
            "round.closed",
            "ReportingRound",
            found.id,
            {"status": RoundStatus.OPEN},
            {"status": RoundStatus.CLOSED},
            now=now,
        )
        uow.changed("round", found.plan_id)
        return found


def scheduled_round(kind: RoundKind, today: dt.date, due_day: int = 25) -> tuple[str, dt.date]:
    """The name and due date of the scheduled round covering ``today`` (pure)."""
    if not 1 <= due_day <= 28:
        raise Invalid("截止日应在每月1日到28日之间", ("dueDay",))
    if kind is RoundKind.MONTHLY:
        return f"{today.year}年{today.month}月调度", today.replace(day=due_day)
    if kind is RoundKind.QUARTERLY:
        quarter = (today.month - 1) // 3 + 1
        return f"{today.year}年第{'一二三四'[quarter - 1]}季度调度", dt.date(
            today.year, quarter * 3, due_day
        )
    raise Invalid("只有月度调度和季度调度可以按期自动开启", ("kind",))
