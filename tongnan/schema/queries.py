"""The ``Query`` root: plans, tasks, units, accountability and the responsibility matrix."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.errors import NotFound
from tongnan.domain.models import Assignment as AssignmentRow
from tongnan.domain.models import Target as TargetRow
from tongnan.domain.models import Task as TaskRow
from tongnan.domain.models import WorkPlan as PlanRow
from tongnan.responsibility_matrix import UnknownTaskError, UnknownUnitError
from tongnan.schema.bundle import PlanBundle
from tongnan.schema.connections import page
from tongnan.schema.context import Info
from tongnan.schema.ids import from_global_id
from tongnan.schema.permissions import IsAuthenticated
from tongnan.schema.task_filter import TaskFilter, filter_tasks
from tongnan.schema.types.accountability import AccountabilityChain
from tongnan.schema.types.enums import UnitKindEnum
from tongnan.schema.types.matrix import ResponsibilityMatrix
from tongnan.schema.types.node import Node
from tongnan.schema.types.plan import Assignment, Target, Task, TaskConnection, TaskEdge, WorkPlan
from tongnan.schema.types.unit import Unit
from tongnan.schema.types.viewer import Viewer


async def _bundle_or_none(info: Info, code: str | None) -> PlanBundle | None:
    try:
        return await info.context.bundle(code)
    except NotFound:
        return None


async def _bundle(info: Info, code: str | None) -> PlanBundle:
    try:
        return await info.context.bundle(code)
    except NotFound as exc:
        raise GraphQLError(exc.message) from None


async def _owning_task(type_name: str, key: int) -> int | None:
    model = {"Task": None, "Assignment": AssignmentRow, "Target": TargetRow}[type_name]
    if model is None:
        return key
    row = await model.get_or_none(id=key).only("id", "task_id")
    return row.task_id if row is not None else None


async def _node(info: Info, type_name: str, key: int) -> Node | None:
    if type_name == "Unit":
        bundle = await _bundle(info, None)
        unit = bundle.view.units_by_id.get(key)
        return Unit.of(bundle, unit) if unit else None
    if type_name == "WorkPlan":
        plan = await PlanRow.get_or_none(id=key).only("id", "code")
        return WorkPlan.of(await info.context.bundle(plan.code)) if plan else None
    if type_name not in {"Task", "Assignment", "Target"}:
        return None
    task_id = await _owning_task(type_name, key)
    task = await TaskRow.get_or_none(id=task_id).prefetch_related("plan") if task_id else None
    if task is None:
        return None
    bundle = await info.context.bundle(task.plan.code)
    if type_name == "Task":
        return Task.of(bundle, bundle.view.tasks_by_id[key])
    if type_name == "Assignment":
        assignment = next((a for a in bundle.view.assignments if a.id == key), None)
        return Assignment.of(bundle, assignment) if assignment else None
    target = next((t for t in bundle.view.targets if t.id == key), None)
    return Target.of(target) if target else None


@strawberry.type
class Query:
    @strawberry.field(description="按全局标识取对象 / Fetch any object by its global id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = from_global_id(id)
        return await _node(info, type_name, key)

    @strawberry.field(description="当前调用者;无令牌为空 / The caller; null without a token.")
    def viewer(self, info: Info) -> Viewer | None:
        actor = info.context.actor
        if actor is None:
            return None
        return Viewer(name=actor.name, role=actor.role, unit_name=actor.unit_name)

    @strawberry.field(description="全部工作要点,新者在前 / Every stored plan, newest first.")
    async def plans(self, info: Info) -> list[WorkPlan]:
        codes = await PlanRow.all().order_by("-issued_on", "-id").values_list("code", flat=True)
        return [WorkPlan.of(await info.context.bundle(str(code))) for code in codes]

    @strawberry.field(description="按发文字号取计划;缺省为当前计划 / A plan; default: current.")
    async def plan(self, info: Info, code: str | None = None) -> WorkPlan | None:
        bundle = await _bundle_or_none(info, code)
        return WorkPlan.of(bundle) if bundle else None

    @strawberry.field(description="按序号取任务 / A task by its number, e.g. 7 for (七).")
    async def task(self, info: Info, number: int, plan_code: str | None = None) -> Task | None:
        bundle = await _bundle_or_none(info, plan_code)
        task = bundle.view.tasks_by_number.get(number) if bundle else None
        return Task.of(bundle, task) if bundle and task else None

    @strawberry.field(description="任务列表(可筛选、分页)/ Tasks, filtered and paged.")
    async def tasks(
        self,
        info: Info,
        plan_code: str | None = None,
        filter: TaskFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> TaskConnection:
        bundle = await _bundle(info, plan_code)
        chosen = filter_tasks(bundle, filter)
        edges, page_info = page(chosen, first, after)
        return TaskConnection(
            edges=[TaskEdge(cursor=cursor, node=Task.of(bundle, t)) for cursor, t in edges],
            page_info=page_info,
            total_count=len(chosen),
        )

    @strawberry.field(description="单位名录 / The directory of units, in directory order.")
    async def units(
        self,
        info: Info,
        kind: UnitKindEnum | None = None,  # type: ignore[valid-type]
    ) -> list[Unit]:
        bundle = await _bundle(info, None)
        return [Unit.of(bundle, u) for u in bundle.view.units if kind is None or u.kind is kind]

    @strawberry.field(description="按名称或别名取单位 / A unit by name or alias.")
    async def unit(self, info: Info, name: str) -> Unit | None:
        bundle = await _bundle(info, None)
        unit = bundle.view.units_by_name.get(name)
        return Unit.of(bundle, unit) if unit else None

    @strawberry.field(
        description="某单位就某任务的责任链 / Who a unit answers to on a task.",
        permission_classes=[IsAuthenticated],
    )
    async def accountability(
        self, info: Info, task_number: int, unit_name: str, plan_code: str | None = None
    ) -> AccountabilityChain | None:
        bundle = await _bundle(info, plan_code)
        try:
            chain = bundle.graph.accountability_chain(task_number, unit_name)
        except (UnknownTaskError, UnknownUnitError):
            return None
        return AccountabilityChain.of(bundle, chain)

    @strawberry.field(
        description="责任分工矩阵 / The tasks × units matrix, load and gaps.",
        permission_classes=[IsAuthenticated],
    )
    async def responsibility_matrix(
        self, info: Info, plan_code: str | None = None
    ) -> ResponsibilityMatrix:
        return ResponsibilityMatrix.of(await _bundle(info, plan_code))
