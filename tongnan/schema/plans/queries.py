"""The plan feature's ``Query`` fields: any object by id, plans, tasks, accountability, matrix.

The fields come in three roots only so that ``schema.py`` can keep the published field order
(the directory's ``viewer`` and ``units`` sit between them).
"""

from __future__ import annotations

import strawberry

from tongnan.responsibility_matrix import UnknownTaskError, UnknownUnitError
from tongnan.schema.common.connections import page
from tongnan.schema.common.context import Info
from tongnan.schema.common.ids import any_key
from tongnan.schema.common.loading import Loaders, plan_codes, plan_or_none, query_plan
from tongnan.schema.common.node import Node
from tongnan.schema.common.nodes import find_node, finds
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.accountability import AccountabilityChain
from tongnan.schema.plans.loaders import (
    plan_codes_newest_first,
    plan_codes_of_tasks,
    tasks_of_assignments,
    tasks_of_targets,
)
from tongnan.schema.plans.matrix import ResponsibilityMatrix, authorise_matrix_read
from tongnan.schema.plans.task_filter import TaskFilter, filter_tasks
from tongnan.schema.plans.types import Assignment, Target, Task, TaskConnection, TaskEdge, WorkPlan


async def _owning_task(loaders: Loaders, type_name: str, key: int) -> int | None:
    if type_name == "Task":
        return key
    batch = tasks_of_assignments if type_name == "Assignment" else tasks_of_targets
    return await loaders.load(batch, key)


@finds("Unit", signed_in=False)
async def _unit(info: Info, key: int) -> Node | None:
    bundle = await query_plan(info.context.loaders, None)
    unit = bundle.view.units_by_id.get(key)
    return Unit.of(bundle, unit) if unit else None


@finds("WorkPlan", signed_in=False)
async def _plan(info: Info, key: int) -> Node | None:
    loaders = info.context.loaders
    code = await loaders.load(plan_codes, key)
    return WorkPlan.of(await loaders.plan(code)) if code is not None else None


@finds("Task", signed_in=False)
async def _task(info: Info, key: int) -> Node | None:
    return await _plan_part(info, "Task", key)


@finds("Assignment", signed_in=False)
async def _assignment(info: Info, key: int) -> Node | None:
    return await _plan_part(info, "Assignment", key)


@finds("Target", signed_in=False)
async def _target(info: Info, key: int) -> Node | None:
    return await _plan_part(info, "Target", key)


async def _plan_part(info: Info, type_name: str, key: int) -> Node | None:
    loaders = info.context.loaders
    task_id = await _owning_task(loaders, type_name, key)
    code = await loaders.load(plan_codes_of_tasks, task_id) if task_id else None
    if code is None:
        return None
    bundle = await loaders.plan(code)
    if type_name == "Task":
        return Task.of(bundle, bundle.view.tasks_by_id[key])
    if type_name == "Assignment":
        assignment = next((a for a in bundle.view.assignments if a.id == key), None)
        return Assignment.of(bundle, assignment) if assignment else None
    target = next((t for t in bundle.view.targets if t.id == key), None)
    return Target.of(target) if target else None


@strawberry.type
class PlanNodeQuery:
    @strawberry.field(description="按全局标识取对象 / Fetch any object by its global id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = any_key(id, "id")
        return await find_node(info, type_name, key) if key is not None else None


@strawberry.type
class PlanQuery:
    @strawberry.field(description="全部工作要点,新者在前 / Every stored plan, newest first.")
    async def plans(self, info: Info) -> list[WorkPlan]:
        loaders = info.context.loaders
        codes = await loaders.load(plan_codes_newest_first, None)
        return [WorkPlan.of(await loaders.plan(code)) for code in codes]

    @strawberry.field(description="按发文字号取计划;缺省为当前计划 / A plan; default: current.")
    async def plan(self, info: Info, code: str | None = None) -> WorkPlan | None:
        bundle = await plan_or_none(info.context.loaders, code)
        return WorkPlan.of(bundle) if bundle else None

    @strawberry.field(description="按序号取任务 / A task by its number, e.g. 7 for (七).")
    async def task(self, info: Info, number: int, plan_code: str | None = None) -> Task | None:
        bundle = await plan_or_none(info.context.loaders, plan_code)
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
        bundle = await query_plan(info.context.loaders, plan_code)
        chosen = filter_tasks(bundle, filter)
        edges, page_info = page(chosen, first, after)
        return TaskConnection(
            edges=[TaskEdge(cursor=cursor, node=Task.of(bundle, t)) for cursor, t in edges],
            page_info=page_info,
            total_count=len(chosen),
        )


@strawberry.type
class ResponsibilityQuery:
    @strawberry.field(
        description="某单位就某任务的责任链 / Who a unit answers to on a task.",
        permission_classes=[IsAuthenticated],
    )
    async def accountability(
        self, info: Info, task_number: int, unit_name: str, plan_code: str | None = None
    ) -> AccountabilityChain | None:
        bundle = await query_plan(info.context.loaders, plan_code)
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
        authorise_matrix_read(info)
        return ResponsibilityMatrix.of(await query_plan(info.context.loaders, plan_code))
