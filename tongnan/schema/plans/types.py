"""``WorkPlan``, ``Section``, ``Task``, ``Assignment`` and ``Target``: the plan as imported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from graphql import GraphQLError

from tongnan.domain import models
from tongnan.domain.common.errors import DomainError
from tongnan.domain.common.permissions import require_read
from tongnan.domain.common.values import AssignmentRole
from tongnan.schema.common.connections import PageInfo
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import AssignmentRoleEnum, WarningLevelEnum
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.enums import ComparatorEnum, TargetScopeEnum
from tongnan.schema.plans.loaders import unit_shares_of_targets

if TYPE_CHECKING:
    from tongnan.schema.reporting.connection import ProgressReportConnection


# the kinds of ``PlanBundle.remembered`` for a task's units in each role
_UNITS_KIND = {role: f"TaskUnits.{role.value}" for role in AssignmentRole}


@strawberry.type(description="工作要点(一份通知)/ A work plan, as issued in one notice.")
class WorkPlan(Node):
    code: str = strawberry.field(
        description="发文字号 / document number, e.g. 潼巩固专办发〔2025〕1号"
    )
    title: str = strawberry.field(description="通知标题 / title of the notice")
    plan_title: str = strawberry.field(description="工作要点标题 / title of the plan it carries")
    issuer: str = strawberry.field(description="发文机关 / issuing office")
    issued_on: dt.date = strawberry.field(description="成文日期 / date of issue")
    parent_code: str | None = strawberry.field(description="所贯彻的上级文件字号 / parent document")
    parent_title: str | None
    addressees: list[str] = strawberry.field(description="主送机关 / addressees")
    version: int = strawberry.field(
        description="每次更正导入加一 / bumped by each corrected import"
    )
    _bundle: strawberry.Private[PlanBundle]

    @classmethod
    def of(cls, bundle: PlanBundle) -> WorkPlan:
        plan = bundle.view.plan
        return cls(
            id=strawberry.ID(to_global_id("WorkPlan", plan.id)),
            code=plan.code,
            title=plan.title,
            plan_title=plan.plan_title,
            issuer=plan.issuer,
            issued_on=plan.issued_on,
            parent_code=plan.parent_code,
            parent_title=plan.parent_title,
            addressees=list(plan.addressees),
            version=plan.version,
            _bundle=bundle,
        )

    @strawberry.field(description="部分(一、…)/ sections in order")
    def sections(self) -> list[Section]:
        return [Section.of(self._bundle, s) for s in self._bundle.view.sections]

    @strawberry.field(description="全部任务 / every task in order")
    def tasks(self) -> list[Task]:
        return [Task.of(self._bundle, t) for t in self._bundle.view.tasks]


@strawberry.type(description="部分(一、…七、)/ A numbered section of the plan.")
class Section:
    number: int
    label: str = strawberry.field(description="中文序号,如 一 / Chinese numeral")
    title: str
    _bundle: strawberry.Private[PlanBundle]
    _section: strawberry.Private[models.Section]

    @classmethod
    def of(cls, bundle: PlanBundle, section: models.Section) -> Section:
        return cls(
            number=section.number,
            label=section.label,
            title=section.title,
            _bundle=bundle,
            _section=section,
        )

    @strawberry.field(description="本部分的任务 / the section's tasks")
    def tasks(self) -> list[Task]:
        return [
            Task.of(self._bundle, t)
            for t in self._bundle.view.tasks_of_section.get(self._section.id, ())
        ]


@strawberry.type(description="任务((一)…)/ A numbered task with its units and targets.")
class Task(Node):
    number: int
    label: str = strawberry.field(description="序号,如 (七) / label as written")
    title: str = strawberry.field(description="标题(首句)/ the first sentence")
    body: str = strawberry.field(description="正文 / full text, without the unit annotation")
    due_date: dt.date | None = strawberry.field(description="完成时限 / due date, if set")
    _bundle: strawberry.Private[PlanBundle]
    _task: strawberry.Private[models.Task]

    @classmethod
    def of(cls, bundle: PlanBundle, task: models.Task) -> Task:
        """The task as the API shows it, built once per plan bundle (see ``remembered``)."""
        return bundle.remembered("Task", task, lambda: cls._build(bundle, task))

    @classmethod
    def _build(cls, bundle: PlanBundle, task: models.Task) -> Task:
        return cls(
            id=strawberry.ID(to_global_id("Task", task.id)),
            number=task.number,
            label=task.label,
            title=task.title,
            body=task.body,
            due_date=task.due_date,
            _bundle=bundle,
            _task=task,
        )

    @strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    def version(self) -> int:
        return int(self._task.version)

    @strawberry.field(description="上级标题,部分在前 / the headings above the task")
    def path(self) -> list[str]:
        return [str(p) for p in self._task.path or ()]

    @strawberry.field(description="责任领导 / the leaders the notice names for it")
    def leaders(self) -> list[str]:
        return [str(p) for p in self._task.leaders or ()]

    @strawberry.field(description="完成时限原文,如 6月底前 / the deadline as written")
    def deadline_text(self) -> str | None:
        return self._task.deadline_text

    @strawberry.field(description="DATE、RECURRING(每月/每季度)、ONGOING(长期)、TEXT")
    def deadline_kind(self) -> str | None:
        return self._task.deadline_kind

    @strawberry.field(description="单位名单以“等”结尾,可能不全 / the unit list ended in 等")
    def units_open_ended(self) -> bool:
        return bool(self._task.units_open_ended)

    @strawberry.field
    def section(self) -> Section:
        section = self._bundle.view.sections_by_id[self._task.section_id]
        return self._bundle.remembered(
            "Section", section, lambda: Section.of(self._bundle, section)
        )

    def _units(self, role: AssignmentRole) -> list[Unit]:
        """The task's units in one role: one list per bundle (the same until the plan changes)."""
        view = self._bundle.view

        def build() -> list[Unit]:
            return [
                Unit.of(self._bundle, view.units_by_id[a.unit_id])
                for a in view.assignments_of_task.get(self._task.id, ())
                if a.role is role
            ]

        return self._bundle.remembered(_UNITS_KIND[role], self._task, build)

    @strawberry.field(description="牵头单位(按通知顺序)/ lead units, as the notice names them")
    def lead_units(self) -> list[Unit]:
        return self._units(AssignmentRole.LEAD)

    @strawberry.field(description="责任单位(按通知顺序)/ responsible units, as named")
    def responsible_units(self) -> list[Unit]:
        return self._units(AssignmentRole.RESPONSIBLE)

    @strawberry.field(description="分工 / every assignment of the task")
    def assignments(self) -> list[Assignment]:
        return [
            Assignment.of(self._bundle, a)
            for a in self._bundle.view.assignments_of_task.get(self._task.id, ())
        ]

    @strawberry.field(
        description="责任链图(SVG):专班办公室、任务、牵头单位、责任单位、集体单位的成员;"
        "需登录 / the task's accountability chain drawn as an SVG picture (signed-in callers)"
    )
    def chain_svg(self, info: Info) -> str:
        try:
            require_read(info.context.actor, "matrix.read")
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return self._bundle.graph.chain_svg(self._task.number)

    @strawberry.field(description="量化指标 / quantitative targets found in the body")
    def targets(self) -> list[Target]:
        view = self._bundle.view
        return self._bundle.remembered(
            "TaskTargets",
            self._task,
            lambda: [Target.of(t) for t in view.targets_of_task.get(self._task.id, ())],
        )

    @strawberry.field(
        description="本任务在进行中调度里最严重的预警 / the task's worst warning in open rounds"
    )
    async def warning_level(self, info: Info) -> WarningLevelEnum | None:  # type: ignore[valid-type]
        context = info.context
        scope = await context.read_scope(self._bundle)
        if not scope.sees_colours:
            return None
        return scope.view.worst(context.today(), context.warning_policy, task_id=self._task.id)

    @strawberry.field(description="本任务的进展报告(新者在前)/ the task's progress reports")
    async def progress_reports(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Annotated[
        ProgressReportConnection, strawberry.lazy("tongnan.schema.reporting.connection")
    ]:
        from tongnan.schema.reporting.connection import report_connection

        scope = await info.context.read_scope(self._bundle)
        reports = scope.reports(scope.view.reports_of_task.get(self._task.id, []))
        return report_connection(self._bundle, sorted(reports, key=lambda r: -r.id), first, after)


@strawberry.type(description="分工:任务 × 单位 × 角色 / A unit's role on a task.")
class Assignment(Node):
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    position: int = strawberry.field(description="在通知中的次序 / order in the notice")
    due_date: dt.date | None
    _bundle: strawberry.Private[PlanBundle]
    _assignment: strawberry.Private[models.Assignment]

    @classmethod
    def of(cls, bundle: PlanBundle, assignment: models.Assignment) -> Assignment:
        return cls(
            id=strawberry.ID(to_global_id("Assignment", assignment.id)),
            role=assignment.role,
            position=assignment.position,
            due_date=assignment.due_date,
            _bundle=bundle,
            _assignment=assignment,
        )

    @strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    def version(self) -> int:
        return int(self._assignment.version)

    @strawberry.field
    def task(self) -> Task:
        return Task.of(self._bundle, self._bundle.view.tasks_by_id[self._assignment.task_id])

    @strawberry.field
    def unit(self) -> Unit:
        return Unit.of(self._bundle, self._bundle.view.units_by_id[self._assignment.unit_id])


def plain_decimal(value: Decimal | None) -> Decimal | None:
    """8700, not 8700.0000 (PostgreSQL's scale) nor 8.7E+3."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


@strawberry.type(description="量化指标,如 不低于8700元 / A quantitative target.")
class Target(Node):
    metric: str = strawberry.field(description="指标 / what is measured")
    comparator: ComparatorEnum  # type: ignore[valid-type]
    threshold: Decimal | None = strawberry.field(description="阈值 / threshold")
    unit_of_measure: str | None = strawberry.field(description="计量单位,如 元、%、人")
    baseline_year: int | None = strawberry.field(description="基期年度 / baseline year")
    text: str = strawberry.field(description="原文 / the phrase in the notice")
    scope: TargetScopeEnum = strawberry.field(  # type: ignore[valid-type]
        description="判定口径 / how the target is judged (proposed from its wording)"
    )
    version: int = strawberry.field(description="口径与分解数每次修改加一 / edit counter")
    _target_id: strawberry.Private[int]

    @strawberry.field(description="各单位分解数(分解到各单位的指标)/ each unit's share of a quota")
    async def shares(self, info: Info) -> list[TargetShare]:
        # every target of the response in one query
        rows = await info.context.loaders.load(unit_shares_of_targets, self._target_id)
        return [
            TargetShare(unit_name=name, share=plain_decimal(share) or Decimal(0))
            for name, _, share in sorted(rows, key=lambda r: (r[1], r[0]))
        ]

    @classmethod
    def of(cls, target: models.Target) -> Target:
        return cls(
            id=strawberry.ID(to_global_id("Target", target.id)),
            metric=target.metric,
            comparator=target.comparator,
            threshold=plain_decimal(target.threshold)
            if target.threshold is None or target.threshold.is_finite()
            else None,
            unit_of_measure=target.unit_of_measure,
            baseline_year=target.baseline_year,
            text=target.text,
            scope=target.scope,
            version=target.version,
            _target_id=target.id,
        )


@strawberry.type(description="某单位的分解数 / A unit's share of an allocated quota.")
class TargetShare:
    unit_name: str
    share: Decimal


@strawberry.type
class TaskEdge:
    cursor: str
    node: Task


@strawberry.type(description="任务列表(分页)/ A page of tasks.")
class TaskConnection:
    edges: list[TaskEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Task]:
        return [edge.node for edge in self.edges]
