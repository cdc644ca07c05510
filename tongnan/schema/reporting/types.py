"""``ReportingRound``, ``ProgressReport``, reported values and ``Warning``."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial

import strawberry

from tongnan.domain import models
from tongnan.domain.common.values import TargetScope
from tongnan.domain.models.reporting import ObligationKind
from tongnan.domain.reporting.read_scope import ReadScope
from tongnan.domain.reporting.reporting_view import DONE, ReportingView, WarningItem
from tongnan.domain.reporting.target_results import TargetResult as TargetResultRow
from tongnan.domain.reporting.target_results import task_target_results
from tongnan.domain.rules.targets import Attainment, unit_attainment
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.directory.types import Unit
from tongnan.schema.evidence.types import Evidence, evidence_of_reports
from tongnan.schema.plans import loaders as plan_loaders
from tongnan.schema.plans.enums import TargetScopeEnum
from tongnan.schema.plans.types import Target, Task, plain_decimal
from tongnan.schema.reporting import loaders
from tongnan.schema.reporting.enums import (
    AttainmentEnum,
    ReportKindEnum,
    ReportStatusEnum,
    RoundKindEnum,
    RoundStatusEnum,
)


@strawberry.type(description="报送的指标值 / A value reported for a target, and how it fares.")
class ReportedValue:
    target: Target
    value: Decimal | None = strawberry.field(
        description="按指标计量单位换算后的数值;存储的数值无法识别时为 null / the value in the "
        "target's unit (null when the stored value is not a number)"
    )
    typed: str = strawberry.field(description="填报时的原文,如 2.4万 / the value as typed")
    baseline_value: Decimal | None = strawberry.field(description="基期年度值 / baseline value")
    baseline_typed: str | None = strawberry.field(description="基期年度值的原文 / as typed")
    attainment: AttainmentEnum  # type: ignore[valid-type]


def _finite(value: Decimal | None) -> Decimal | None:
    """The stored number for display; None when it is not one (NaN, an infinity)."""
    return plain_decimal(value) if value is not None and value.is_finite() else None


def _typed(typed: str | None, value: Decimal | None) -> str | None:
    """What was typed; for a value stored before the text was kept, the stored number."""
    if typed is not None or value is None:
        return typed
    return str(_finite(value) if value.is_finite() else value)


async def _values(
    bundle: PlanBundle, report: models.ProgressReport, rows: list[models.TargetValue]
) -> list[ReportedValue]:
    """The report's values, each judged as the unit's own value under its target's scope
    (a town's part of a district total is not held against the district's figure)."""
    targets = {t.id: t for t in bundle.view.targets}
    quota_ids = [
        r.target_id
        for r in rows
        if r.target_id in targets and targets[r.target_id].scope is TargetScope.ALLOCATED_QUOTA
    ]
    shares = (
        {
            s.target_id: s.share
            for s in await models.TargetShare.filter(
                target_id__in=quota_ids, unit_id=report.unit_id
            )
        }
        if quota_ids
        else {}
    )
    out = []
    for row in rows:
        target = targets.get(row.target_id)
        if target is None:
            continue
        scope = target.scope
        if report.kind is ObligationKind.CONSOLIDATED and scope is not TargetScope.ALLOCATED_QUOTA:
            scope = TargetScope.EACH_UNIT  # a lead's consolidated value is the district's own
        out.append(
            ReportedValue(
                target=Target.of(target),
                value=_finite(row.value),
                typed=_typed(row.value_typed, row.value) or "",
                baseline_value=_finite(row.baseline_value),
                baseline_typed=_typed(row.baseline_typed, row.baseline_value),
                attainment=unit_attainment(
                    scope,
                    target.comparator,
                    target.threshold,
                    row.value,
                    row.baseline_value,
                    shares.get(target.id),
                ),
            )
        )
    return out


@strawberry.type(description="进展情况报告 / One unit's progress report on a task in a round.")
class ProgressReport(Node):
    kind: ReportKindEnum  # type: ignore[valid-type]
    status: ReportStatusEnum  # type: ignore[valid-type]
    summary: str = strawberry.field(description="进展情况 / progress")
    completion: int = strawberry.field(description="完成进度 % / completion in percent")
    problems: str = strawberry.field(description="存在问题 / problems")
    next_steps: str = strawberry.field(description="下步打算 / next steps")
    late: bool = strawberry.field(description="逾期报送 / submitted after the due date")
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    review_comment: str | None
    version: int = strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    _bundle: strawberry.Private[PlanBundle]
    _report: strawberry.Private[models.ProgressReport]

    @classmethod
    def of(cls, bundle: PlanBundle, report: models.ProgressReport) -> ProgressReport:
        return cls(
            id=strawberry.ID(to_global_id("ProgressReport", report.id)),
            kind=report.kind,
            status=report.status,
            summary=report.summary,
            completion=report.completion,
            problems=report.problems,
            next_steps=report.next_steps,
            late=report.late,
            submitted_at=report.submitted_at,
            reviewed_at=report.reviewed_at,
            reviewed_by=report.reviewed_by,
            review_comment=report.review_comment,
            version=report.version,
            _bundle=bundle,
            _report=report,
        )

    @strawberry.field
    def task(self) -> Task:
        return Task.of(self._bundle, self._bundle.view.tasks_by_id[self._report.task_id])

    @strawberry.field
    def unit(self) -> Unit:
        return Unit.of(self._bundle, self._bundle.view.units_by_id[self._report.unit_id])

    @strawberry.field
    async def round(self) -> ReportingRound:
        reporting = await self._bundle.reporting()
        return ReportingRound.of(self._bundle, reporting.rounds_by_id[self._report.round_id])

    @strawberry.field(
        description="由专班办公室审核(汇总报告、牵头单位自己的报告、无牵头单位的任务)"
        " / reviewed by the office: consolidated, a lead's own, or a task without a lead"
    )
    async def reviewed_by_office(self) -> bool:
        reporting = await self._bundle.reporting()
        return reporting.reviewed_by_office(self._report)

    @strawberry.field(description="报送的指标值 / values reported for the task's targets")
    async def values(self, info: Info) -> list[ReportedValue]:
        rows = await info.context.loaders.load(loaders.values_of_reports, self._report.id)
        return await _values(self._bundle, self._report, rows)

    @strawberry.field(description="佐证材料,先早后晚 / evidence files, oldest first")
    async def evidence(self, info: Info) -> list[Evidence]:
        rows = await info.context.loaders.load(evidence_of_reports, self._report.id)
        return Evidence.many(rows)


@strawberry.type(description="某单位在一项指标上的情况 / One unit's figure on a target.")
class UnitTargetResult:
    unit_name: str
    value: Decimal | None = strawberry.field(description="已报送的值 / the value it submitted")
    share: Decimal | None = strawberry.field(description="分解数 / its share of a quota")
    completion: Decimal | None = strawberry.field(description="完成率 % / percent of its share")
    attainment: AttainmentEnum  # type: ignore[valid-type]


@strawberry.type(
    description="某任务在本轮的指标判定(按指标口径)/ A target's verdict in the round, by its scope."
)
class TargetResult:
    target: Target
    attainment: AttainmentEnum = strawberry.field(  # type: ignore[valid-type]
        description="达标、未达标或待定(PENDING:尚缺单位报送值或据以判定的汇总值)"
    )
    attained: int = strawberry.field(description="单独判定达标的单位数 / units attaining alone")
    not_attained: int = strawberry.field(description="单独判定未达标的单位数")
    not_evaluable: int = strawberry.field(
        description="报送数值有误、无法判定的单位数 / units whose value cannot be judged"
    )
    scope: TargetScopeEnum  # type: ignore[valid-type]
    rule: str = strawberry.field(description="判定依据,如 按牵头单位审核通过的汇总值判定")
    judged_value: Decimal | None = strawberry.field(
        description="据以判定的值(暂定时为各单位已报数合计)/ the value judged"
    )
    threshold: Decimal | None = strawberry.field(
        description="对照的目标值(分解指标为各单位分解数合计)/ what it was compared with"
    )
    provisional: bool = strawberry.field(
        description="暂定:按各单位已报数而非审核通过的汇总值 / judged on units' submitted values"
    )
    pending_units: list[str] = strawberry.field(description="尚未报送的单位 / units not reported")
    failing_units: list[str] = strawberry.field(description="未达标的单位 / units falling short")
    unallocated_units: list[str] = strawberry.field(
        description="尚未分解的单位 / units with no share"
    )
    units: list[UnitTargetResult] = strawberry.field(
        description="各单位的情况:仅列出调用者可查看其报告的单位(本单位;牵头单位看所牵头任务的"
        "责任单位;专班办公室、督查、查阅者看全部)/ the units whose reports the caller may read"
    )

    @classmethod
    def of(cls, row: TargetResultRow, sees: Callable[[str], bool]) -> TargetResult:
        """``sees``: whether the caller may read the figures of the unit of that name."""
        v = row.verdict
        return cls(
            target=Target.of(row.target),
            attainment=v.attainment,
            attained=sum(u.attainment is Attainment.ATTAINED for u in v.units),
            not_attained=sum(u.attainment is Attainment.NOT_ATTAINED for u in v.units),
            not_evaluable=sum(u.attainment is Attainment.NOT_EVALUABLE for u in v.units),
            scope=row.target.scope,
            rule=v.rule,
            judged_value=plain_decimal(v.value),
            threshold=plain_decimal(v.threshold),
            provisional=v.provisional,
            pending_units=list(v.missing_units),
            failing_units=list(v.failing_units),
            unallocated_units=list(v.unallocated_units),
            units=[
                UnitTargetResult(
                    unit_name=u.unit,
                    value=plain_decimal(u.value),
                    share=plain_decimal(u.share),
                    completion=plain_decimal(u.completion),
                    attainment=u.attainment,
                )
                for u in v.units
                if sees(u.unit)
            ],
        )


@strawberry.type(description="本轮中一项任务的汇总 / One task's state in a round.")
class RoundTask:
    task: Task
    owed: int = strawberry.field(description="应报数 / reports owed")
    submitted: int = strawberry.field(description="已报送(含通过)/ submitted or accepted")
    accepted: int
    returned: int
    late: int
    warning_level: WarningLevelEnum  # type: ignore[valid-type]
    reports: list[ProgressReport]
    _bundle: strawberry.Private[PlanBundle]
    _reporting: strawberry.Private[ReportingView]
    _obligations: strawberry.Private[list[models.Obligation]]  # this task's in the round
    _sees: strawberry.Private[Callable[[str], bool]]

    @strawberry.field(
        description="指标判定(按指标口径:全区总量、各单位、比率、清零、分解)/ targets, by scope"
    )
    async def targets(self, info: Info) -> list[TargetResult]:
        rows = await _target_results(
            info, self._bundle, self._reporting, self._obligations, self.task._task.id
        )
        return [TargetResult.of(row, self._sees) for row in rows]


async def _target_results(
    info: Info,
    bundle: PlanBundle,
    reporting: ReportingView,
    obligations: list[models.Obligation],
    task_id: int,
) -> list[TargetResultRow]:
    """One task's target verdicts in a round, judged as ``round_target_results`` judges them:
    the task's targets, obligations, reports and units come from the plan's cached rows, and
    the values and quota shares through this request's loaders, so every task of every round
    in the response shares one query for values and one for shares."""
    view = bundle.view
    targets = view.targets_of_task.get(task_id, [])
    if not targets:
        return []
    ordered = sorted(obligations, key=lambda o: o.id)
    done = {
        o.id: report
        for o in ordered
        if (report := reporting.report_of.get(o.id)) is not None and report.status in DONE
    }
    loaders_ = info.context.loaders
    value_lists, share_lists = await asyncio.gather(
        loaders_.load_many(loaders.values_of_reports, [r.id for r in done.values()]),
        loaders_.load_many(plan_loaders.shares_of_targets, [t.id for t in targets]),
    )
    values = {(v.report_id, v.target_id): v for rows in value_lists for v in rows}
    shares = {(s.target_id, s.unit_id): s.share for rows in share_lists for s in rows}
    names = {o.unit_id: view.units_by_id[o.unit_id].name for o in ordered}
    return task_target_results(targets, ordered, done, values, shares, names)


@strawberry.type(description="调度(报送轮次)/ A reporting round.")
class ReportingRound(Node):
    name: str
    kind: RoundKindEnum  # type: ignore[valid-type]
    status: RoundStatusEnum  # type: ignore[valid-type]
    due_date: dt.date
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    task_numbers: list[int]
    _bundle: strawberry.Private[PlanBundle]
    _round: strawberry.Private[models.ReportingRound]

    @classmethod
    def of(cls, bundle: PlanBundle, round_: models.ReportingRound) -> ReportingRound:
        return cls(
            id=strawberry.ID(to_global_id("ReportingRound", round_.id)),
            name=round_.name,
            kind=round_.kind,
            status=round_.status,
            due_date=round_.due_date,
            opened_at=round_.opened_at,
            closed_at=round_.closed_at,
            task_numbers=list(round_.task_numbers),
            _bundle=bundle,
            _round=round_,
        )

    @strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    def version(self) -> int:
        return int(self._round.version)

    def _sees_unit(self, scope: ReadScope, task_id: int, unit_name: str) -> bool:
        unit = self._bundle.view.units_by_name.get(unit_name)
        return unit is not None and scope.sees_unit_figures(self._round.id, task_id, unit.id)

    @strawberry.field(description="各任务汇总 / each covered task's state")
    async def tasks(self, info: Info) -> list[RoundTask]:
        from tongnan.domain.models.reporting import ReportStatus
        from tongnan.domain.rules.warnings import worst

        view = self._bundle.view
        scope = await info.context.read_scope(self._bundle)
        reporting = scope.view
        levels: dict[int, list[WarningItem]] = {}
        for item in reporting.warnings(info.context.today(), info.context.warning_policy):
            if item.round.id == self._round.id:
                levels.setdefault(item.obligation.task_id, []).append(item)
        owed: dict[int, list[models.Obligation]] = {}  # this round's obligations by task, in order
        for o in reporting.obligations:
            if o.round_id == self._round.id:
                owed.setdefault(o.task_id, []).append(o)
        out = []
        for number in self._round.task_numbers:
            task = view.tasks_by_number.get(number)
            if task is None:
                continue
            obligations = owed.get(task.id, [])
            reports = [r for r in (reporting.report_of.get(o.id) for o in obligations) if r]
            statuses = [r.status for r in reports]
            out.append(
                RoundTask(
                    task=Task.of(self._bundle, task),
                    owed=len(obligations),
                    submitted=sum(
                        s in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED) for s in statuses
                    ),
                    accepted=statuses.count(ReportStatus.ACCEPTED),
                    returned=statuses.count(ReportStatus.RETURNED),
                    late=sum(r.late for r in reports),
                    warning_level=worst([w.level for w in levels.get(task.id, [])]),
                    reports=[ProgressReport.of(self._bundle, r) for r in scope.reports(reports)],
                    _bundle=self._bundle,
                    _reporting=reporting,
                    _obligations=obligations,
                    _sees=partial(self._sees_unit, scope, task.id),
                )
            )
        return out


@strawberry.type(description="三色预警 / A warning: who owes what, by when, how late.")
class Warning:
    level: WarningLevelEnum  # type: ignore[valid-type]
    unit: Unit
    task: Task
    round: ReportingRound
    kind: ReportKindEnum  # type: ignore[valid-type]
    due_date: dt.date
    days_late: int
    report_status: ReportStatusEnum | None  # type: ignore[valid-type]

    @classmethod
    def of(
        cls, bundle: PlanBundle, item: WarningItem, rounds: dict[int, ReportingRound] | None = None
    ) -> Warning:
        """``rounds``: the round objects already built for this answer, by round id."""
        view = bundle.view
        round_ = rounds.get(item.round.id) if rounds is not None else None
        if round_ is None:
            round_ = ReportingRound.of(bundle, item.round)
            if rounds is not None:
                rounds[item.round.id] = round_
        return cls(
            level=item.level,
            unit=Unit.of(bundle, view.units_by_id[item.obligation.unit_id]),
            task=Task.of(bundle, view.tasks_by_id[item.obligation.task_id]),
            round=round_,
            kind=item.obligation.kind,
            due_date=item.round.due_date,
            days_late=item.days_late,
            report_status=item.report.status if item.report else None,
        )
