"""``unassignTask``: remove a unit's role on a task (office only)."""

from __future__ import annotations

import strawberry

from tongnan.domain.plans import assignments
from tongnan.schema.context import Info
from tongnan.schema.mutations.common import run_use_case
from tongnan.schema.types.enums import AssignmentRoleEnum
from tongnan.schema.types.errors import UserError
from tongnan.schema.types.plan import Task


@strawberry.input(description="取消分配 / Remove a unit's role on a task.")
class UnassignTaskInput:
    task_number: int
    unit_name: str
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    plan_code: str | None = None


@strawberry.type
class UnassignTaskPayload:
    task: Task | None
    user_errors: list[UserError]


@strawberry.mutation(description="取消分配(专班办公室)/ Remove an assignment (office only).")
async def unassign_task(info: Info, input: UnassignTaskInput) -> UnassignTaskPayload:
    row, errors = await run_use_case(
        info,
        "unassignTask",
        lambda actor: assignments.unassign_task(
            actor, input.task_number, input.unit_name, input.role, input.plan_code
        ),
    )
    if row is None:
        return UnassignTaskPayload(task=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    return UnassignTaskPayload(
        task=Task.of(bundle, bundle.view.tasks_by_id[row.id]), user_errors=[]
    )
