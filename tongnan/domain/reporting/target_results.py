"""A round's verdict on each target of its tasks, by the target's scope (DESIGN §10).

Loads, in a fixed number of queries, what ``rules.targets.judge`` needs: each owing unit's
submitted value, the leads' accepted consolidated values (or, for a task with no separate lead,
the office's: the sum of the values it accepted from every owing unit), and the quota shares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tongnan.domain.common.values import TargetScope
from tongnan.domain.models import (
    Obligation,
    ProgressReport,
    ReportingRound,
    Target,
    TargetShare,
    TargetValue,
    Task,
    Unit,
)
from tongnan.domain.models.reporting import ObligationKind, ReportStatus
from tongnan.domain.reporting.reporting_view import DONE
from tongnan.domain.rules.targets import (
    OFFICE,
    Consolidated,
    TargetQuestion,
    TargetVerdict,
    UnitFigure,
    judge,
)


@dataclass(frozen=True, slots=True)
class TargetResult:
    target: Target
    verdict: TargetVerdict


async def round_target_results(round_: ReportingRound) -> dict[int, list[TargetResult]]:
    """Each covered task's targets (by task id, in the plan's order) with their verdicts."""
    task_ids = [
        t.id
        for t in await Task.filter(plan_id=round_.plan_id, number__in=list(round_.task_numbers))
    ]
    obligations = await Obligation.filter(round_id=round_.id, task_id__in=task_ids).order_by("id")
    reports = {
        r.obligation_id: r
        for r in await ProgressReport.filter(round_id=round_.id, task_id__in=task_ids)
        if r.status in DONE
    }
    targets = await Target.filter(task_id__in=task_ids).order_by("task_id", "position")
    values: dict[tuple[int, int], TargetValue] = {
        (v.report_id, v.target_id): v
        for v in await TargetValue.filter(report_id__in=[r.id for r in reports.values()])
    }
    shares: dict[tuple[int, int], Decimal] = {
        (s.target_id, s.unit_id): s.share
        for s in await TargetShare.filter(target_id__in=[t.id for t in targets])
    }
    names = {u.id: u.name for u in await Unit.filter(id__in={o.unit_id for o in obligations})}
    by_task: dict[int, list[Obligation]] = defaultdict(list)
    for o in obligations:
        by_task[o.task_id].append(o)
    targets_of: dict[int, list[Target]] = defaultdict(list)
    for target in targets:
        targets_of[target.task_id].append(target)
    return {
        task_id: task_target_results(task_targets, by_task[task_id], reports, values, shares, names)
        for task_id, task_targets in targets_of.items()
    }


def task_target_results(
    targets: Sequence[Target],
    obligations: Sequence[Obligation],
    reports: Mapping[int, ProgressReport],
    values: Mapping[tuple[int, int], TargetValue],
    shares: Mapping[tuple[int, int], Decimal],
    names: Mapping[int, str],
) -> list[TargetResult]:
    """One task's targets (in the order given) with their verdicts in a round, from its rows:
    the task's obligations in that round in id order, its submitted or accepted reports by
    obligation id, their values by (report, target), the quota shares by (target, unit), and
    the owing units' names by id. No I/O: the API and the bulletin load these rows their own
    way and judge them alike."""
    owing = [o for o in obligations if o.kind is ObligationKind.UNIT]
    leads = [o for o in obligations if o.kind is ObligationKind.CONSOLIDATED]
    out: list[TargetResult] = []
    for target in targets:
        figures = []
        accepted = []
        for o in owing:
            report = reports.get(o.id)
            value = values.get((report.id, target.id)) if report else None
            figures.append(
                UnitFigure(
                    names[o.unit_id],
                    value.value if value else None,
                    value.baseline_value if value else None,
                    shares.get((target.id, o.unit_id)),
                )
            )
            if report is not None and report.status is ReportStatus.ACCEPTED and value:
                accepted.append(value)
        consolidated = None
        for o in leads:
            report = reports.get(o.id)
            value = values.get((report.id, target.id)) if report else None
            if report is not None and report.status is ReportStatus.ACCEPTED and value:
                consolidated = Consolidated(value.value, names[o.unit_id], value.baseline_value)
                break
        if (
            not leads
            and owing
            and len(accepted) == len(owing)
            and target.scope is TargetScope.DISTRICT_TOTAL
        ):
            baselines = [v.baseline_value for v in accepted]
            consolidated = Consolidated(
                sum((v.value for v in accepted), Decimal(0)),
                OFFICE,
                None
                if None in baselines
                else sum((b or Decimal(0) for b in baselines), Decimal(0)),
            )
        question = TargetQuestion(
            target.scope, target.comparator, target.threshold, tuple(figures), consolidated
        )
        out.append(TargetResult(target, judge(question)))
    return out
