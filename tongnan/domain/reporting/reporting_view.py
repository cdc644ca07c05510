"""Read side of reporting: a plan's rounds, who owes what, and where each report stands.

Three queries per plan, whatever the number of rounds and units; warnings are computed from
these rows for a given day by the pure three-colour rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from tongnan.domain.models import Obligation, ProgressReport, ReportingRound
from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundStatus
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy, days_late, warning_level

DONE = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass(frozen=True, slots=True)
class WarningItem:
    """One obligation's colour on a day."""

    level: WarningLevel
    round: ReportingRound
    obligation: Obligation
    report: ProgressReport | None
    days_late: int


@dataclass(slots=True)
class ReportingView:
    rounds: list[ReportingRound]
    obligations: list[Obligation]
    reports: list[ProgressReport]
    rounds_by_id: dict[int, ReportingRound] = field(init=False)
    report_of: dict[int, ProgressReport] = field(init=False)  # obligation id -> report
    reports_of_task: dict[int, list[ProgressReport]] = field(init=False)
    _warnings: dict[tuple[dt.date, WarningPolicy], list[WarningItem]] = field(
        default_factory=dict, init=False
    )
    _worst: dict[tuple[str, int | None], WarningLevel] = field(default_factory=dict, init=False)
    # (round id, task id) -> the lead units owing the consolidated report there
    leads_of: dict[tuple[int, int], set[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.rounds_by_id = {r.id: r for r in self.rounds}
        self.leads_of = defaultdict(set)
        for obligation in self.obligations:
            if obligation.kind is ObligationKind.CONSOLIDATED:
                self.leads_of[(obligation.round_id, obligation.task_id)].add(obligation.unit_id)
        self.report_of = {r.obligation_id: r for r in self.reports}
        self.reports_of_task = defaultdict(list)
        for report in self.reports:
            self.reports_of_task[report.task_id].append(report)

    def reviewed_by_lead(self, report: ProgressReport, unit_id: int | None) -> bool:
        """True when ``unit_id`` is a lead unit that reviews ``report`` (the rule of
        ``services.reviews.reviewer_unit_ids``: a responsible unit's report goes to the task's
        leads in that round; a lead's own report and consolidated reports go to the office)."""
        if unit_id is None or report.kind is ObligationKind.CONSOLIDATED:
            return False
        leads = self.leads_of.get((report.round_id, report.task_id), set())
        return unit_id in leads and report.unit_id not in leads

    def reviewed_by_office(self, report: ProgressReport) -> bool:
        """True when the office reviews ``report`` (the same rule: a consolidated report, a lead's
        own report, and any report of a task without a lead in that round)."""
        if report.kind is ObligationKind.CONSOLIDATED:
            return True
        leads = self.leads_of.get((report.round_id, report.task_id), set())
        return not leads or report.unit_id in leads

    def warnings(self, today: dt.date, policy: WarningPolicy) -> list[WarningItem]:
        """Every obligation of an open round with its colour today, most urgent first.

        Computed once per day and policy for this view (a dashboard asks it once per task and
        per unit); the list is shared, so callers read it and never change it.
        """
        key = (today, policy)
        items = self._warnings.get(key)
        if items is None:
            self._warnings.clear()  # one day at a time is all a request needs
            items = self._warnings[key] = self._compute_warnings(today, policy)
            self._worst.clear()
            for item in items:  # sorted most urgent first: the first seen is the worst
                self._worst.setdefault(("task", item.obligation.task_id), item.level)
                self._worst.setdefault(("unit", item.obligation.unit_id), item.level)
        return items

    def worst(
        self,
        today: dt.date,
        policy: WarningPolicy,
        *,
        task_id: int | None = None,
        unit_id: int | None = None,
    ) -> WarningLevel:
        """The worst colour of one task's (or one unit's) obligations; GREEN when it has none."""
        self.warnings(today, policy)
        key = ("task", task_id) if task_id is not None else ("unit", unit_id)
        return self._worst.get(key, WarningLevel.GREEN)

    def _compute_warnings(self, today: dt.date, policy: WarningPolicy) -> list[WarningItem]:
        items = []
        for obligation in self.obligations:
            round_ = self.rounds_by_id[obligation.round_id]
            if round_.status is not RoundStatus.OPEN:
                continue
            report = self.report_of.get(obligation.id)
            status = report.status if report is not None else None
            level = warning_level(
                round_.due_date,
                today,
                done=status in DONE,
                returned=status is ReportStatus.RETURNED,
                policy=policy,
            )
            late = 0 if status in DONE else days_late(round_.due_date, today)
            items.append(WarningItem(level, round_, obligation, report, late))
        order = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.GREEN: 2}
        items.sort(
            key=lambda w: (order[w.level], -w.days_late, w.obligation.task_id, w.obligation.unit_id)
        )
        return items


async def load_reporting_view(plan_id: int) -> ReportingView:
    rounds = await ReportingRound.filter(plan_id=plan_id).order_by("opened_at", "id")
    round_ids = [r.id for r in rounds]
    if not round_ids:
        return ReportingView([], [], [])
    return ReportingView(
        rounds=rounds,
        obligations=await Obligation.filter(round_id__in=round_ids).order_by(
            "task_id", "kind", "id"
        ),
        reports=await ProgressReport.filter(round_id__in=round_ids).order_by("id"),
    )


__all__ = ["ObligationKind", "ReportingView", "WarningItem", "load_reporting_view"]
