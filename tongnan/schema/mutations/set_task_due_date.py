"""``setTaskDueDate``: set or clear a task's due date (office only)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.plans import assignments
from tongnan.schema.context import Info
from tongnan.schema.mutations.common import run_use_case
from tongnan.schema.types.errors import UserError
from tongnan.schema.types.plan import Task


@strawberry.input(description="设置完成时限;dueDate 为空即清除 / Set (or clear) a due date.")
class SetTaskDueDateInput:
    task_number: int
    due_date: dt.date | None
    plan_code: str | None = None


@strawberry.type
class SetTaskDueDatePayload:
    task: Task | None
    user_errors: list[UserError]


@strawberry.mutation(description="设置任务完成时限(专班办公室)/ Set a task's due date.")
async def set_task_due_date(info: Info, input: SetTaskDueDateInput) -> SetTaskDueDatePayload:
    row, errors = await run_use_case(
        info,
        "setTaskDueDate",
        lambda actor: assignments.set_task_due_date(
            actor, input.task_number, input.due_date, input.plan_code
        ),
    )
    if row is None:
        return SetTaskDueDatePayload(task=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    return SetTaskDueDatePayload(
        task=Task.of(bundle, bundle.view.tasks_by_id[row.id]), user_errors=[]
    )
