"""``assignTask``: name a unit as lead or responsible on a task (office only)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.plans import assignments
from tongnan.schema.context import Info
from tongnan.schema.mutations.common import run_use_case
from tongnan.schema.types.enums import AssignmentRoleEnum
from tongnan.schema.types.errors import UserError
from tongnan.schema.types.plan import Assignment, Task


@strawberry.input(description="分配任务 / Assign a unit to a task.")
class AssignTaskInput:
    task_number: int
    unit_name: str
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    due_date: dt.date | None = None
    plan_code: str | None = strawberry.field(default=None, description="缺省为当前计划")


@strawberry.type
class AssignTaskPayload:
    assignment: Assignment | None
    task: Task | None
    user_errors: list[UserError]


@strawberry.mutation(description="分配任务(专班办公室)/ Assign a unit to a task (office only).")
async def assign_task(info: Info, input: AssignTaskInput) -> AssignTaskPayload:
    row, errors = await run_use_case(
        info,
        "assignTask",
        lambda actor: assignments.assign_task(
            actor, input.task_number, input.unit_name, input.role, input.due_date, input.plan_code
        ),
    )
    if row is None:
        return AssignTaskPayload(assignment=None, task=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    stored = next(a for a in bundle.view.assignments if a.id == row.id)
    task = bundle.view.tasks_by_id[stored.task_id]
    return AssignTaskPayload(
        assignment=Assignment.of(bundle, stored), task=Task.of(bundle, task), user_errors=[]
    )
