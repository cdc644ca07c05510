"""What a progress bulletin is made from: a reporting round's state, as plain values.

Loaded in a fixed number of queries (the plan's reporting view, then tasks, lead assignments,
targets, reported values and unit names), whatever the number of tasks and units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.models import (
    Assignment,
    Obligation,
    ProgressReport,
    ReportingRound,
    Task,
    Unit,
)
from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundStatus
from tongnan.domain.reporting import DONE, ReportingView, load_reporting_view, round_target_results
from tongnan.domain.rules.targets import Attainment, TargetVerdict
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy, warning_level, worst


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    metric: str
    unit_of_measure: str | None
    verdict: TargetVerdict

    @property
    def attainment(self) -> Attainment:
        return self.verdict.attainment


@dataclass(frozen=True, slots=True)
class TaskProgress:
    number: int
    label: str
    title: str
    leads: tuple[str, ...]
    owed: int
    submitted: int  # SUBMITTED or ACCEPTED
    accepted: int
    returned: int
    late: int
    level: WarningLevel
    consolidated: tuple[tuple[str, str], ...]  # (lead unit, summary) of CONSOLIDATED reports
    targets: tuple[TargetOutcome, ...]


@dataclass(frozen=True, slots=True)
class UnitReporting:
    name: str
    owed: int
    on_time: int  # submitted (or accepted) by the due date
    late: int  # submitted after it

    @property
    def missing(self) -> int:
        return self.owed - self.on_time - self.late

    @property
    def rate(self) -> float:
        return self.on_time / self.owed if self.owed else 1.0


@dataclass(frozen=True, slots=True)
class RoundSource:
    round_name: str
    opened_on: dt.date
    due_date: dt.date
    as_of: dt.date
    tasks: tuple[TaskProgress, ...]
    units: tuple[UnitReporting, ...]  # in directory order


def _levels(
    view: ReportingView, round_: ReportingRound, today: dt.date, policy: WarningPolicy
) -> dict[int, list[WarningLevel]]:
    """Each task's obligations' colours: the view's warnings for an open round; for a closed
    round the same rule as of the day it closed."""
    levels: dict[int, list[WarningLevel]] = defaultdict(list)
    if round_.status is RoundStatus.OPEN:
        for item in view.warnings(today, policy):
            if item.round.id == round_.id:
                levels[item.obligation.task_id].append(item.level)
        return levels
    closed_on = local_date(round_.closed_at) if round_.closed_at else today
    for obligation in view.obligations:
        if obligation.round_id == round_.id:
            report = view.report_of.get(obligation.id)
            status = report.status if report else None
            level = warning_level(
                round_.due_date,
                closed_on,
                done=status in DONE,
                returned=status is ReportStatus.RETURNED,
                policy=policy,
            )
            levels[obligation.task_id].append(level)
    return levels


async def load_round_source(round_id: int, today: dt.date, policy: WarningPolicy) -> RoundSource:
    """The round ``round_id`` as the bulletin needs it; NotFound when there is no such round."""
    round_ = await ReportingRound.get_or_none(id=round_id)
    if round_ is None:
        raise NotFound(f"找不到第{round_id}号调度，请刷新后重新选择", ("roundId",))
    view = await load_reporting_view(round_.plan_id)
    round_ = view.rounds_by_id[round_.id]
    obligations = [o for o in view.obligations if o.round_id == round_.id]
    reports = {o.id: view.report_of.get(o.id) for o in obligations}
    tasks = {
        t.id: t for t in await Task.filter(plan_id=round_.plan_id, number__in=round_.task_numbers)
    }
    leads: dict[int, list[str]] = defaultdict(list)
    for task_id, name in (
        await Assignment.filter(task_id__in=list(tasks), role=AssignmentRole.LEAD)
        .order_by("task_id", "position", "id")
        .values_list("task_id", "unit__name")
    ):
        leads[int(task_id)].append(str(name))
    results = await round_target_results(round_)
    unit_ids = {o.unit_id for o in obligations}
    units = {u.id: u for u in await Unit.filter(id__in=unit_ids)}
    levels = _levels(view, round_, today, policy)

    by_task: dict[int, list[int]] = defaultdict(list)
    for o in obligations:
        by_task[o.task_id].append(o.id)
    out = []
    for task in sorted(tasks.values(), key=lambda t: round_.task_numbers.index(t.number)):
        mine = [reports[o] for o in by_task[task.id]]
        statuses = [r.status for r in mine if r is not None]
        consolidated = tuple(
            (units[r.unit_id].name, r.summary.strip())
            for r in mine
            if r is not None
            and r.kind is ObligationKind.CONSOLIDATED
            and r.status in DONE
            and r.summary.strip()
        )
        outcomes = [
            TargetOutcome(r.target.metric, r.target.unit_of_measure, r.verdict)
            for r in results.get(task.id, [])
        ]
        out.append(
            TaskProgress(
                number=task.number,
                label=task.label,
                title=task.title,
                leads=tuple(leads[task.id]),
                owed=len(mine),
                submitted=sum(s in DONE for s in statuses),
                accepted=statuses.count(ReportStatus.ACCEPTED),
                returned=statuses.count(ReportStatus.RETURNED),
                late=sum(1 for r in mine if r is not None and r.status in DONE and r.late),
                level=worst(levels.get(task.id, [])),
                consolidated=consolidated,
                targets=tuple(outcomes),
            )
        )
    return RoundSource(
        round_name=round_.name,
        opened_on=local_date(round_.opened_at),
        due_date=round_.due_date,
        as_of=today,
        tasks=tuple(out),
        units=_unit_rows(obligations, reports, units),
    )


def _unit_rows(
    obligations: list[Obligation],
    reports: dict[int, ProgressReport | None],
    units: dict[int, Unit],
) -> tuple[UnitReporting, ...]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # owed, on time, late
    for o in obligations:
        row, report = counts[o.unit_id], reports[o.id]
        row[0] += 1
        if report is not None and report.status in DONE:
            row[2 if report.late else 1] += 1
    ordered = sorted(counts, key=lambda u: (units[u].position, units[u].name))
    return tuple(UnitReporting(units[u].name, *counts[u]) for u in ordered)
