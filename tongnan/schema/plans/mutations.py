"""The plan feature's ``Mutation`` fields: assign and unassign units, set due dates, import a plan.

Each mutation comes with its input and payload; all are for the office only.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import DomainError, ErrorCode
from tongnan.domain.common.permissions import require
from tongnan.domain.parsing import PlanParseError, parse_notice
from tongnan.domain.plans import assignments
from tongnan.domain.plans import plan_import as plans
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import AssignmentRoleEnum
from tongnan.schema.common.errors import UserError, from_domain, from_parse, sign_in_required
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.plans.plan_preview import apply_plan_import_mutation, preview_plan_import
from tongnan.schema.plans.types import Assignment, Task, WorkPlan


@strawberry.input(description="分配任务 / Assign a unit to a task.")
class AssignTaskInput:
    task_number: int
    unit_name: str
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    due_date: dt.date | None = None
    expected_version: int = strawberry.field(
        description="读取时分工的版本(Assignment.version),尚未分配为 0;改已有分工的时限时核对 "
        "/ the assignment's version as read (0: not assigned yet)"
    )
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
            actor,
            input.task_number,
            input.unit_name,
            input.role,
            input.due_date,
            input.plan_code,
            expected_version=input.expected_version,
            now=info.context.now(),
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


@strawberry.input(description="取消分配 / Remove a unit's role on a task.")
class UnassignTaskInput:
    task_number: int
    unit_name: str
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    plan_code: str | None = None
    expected_version: int = strawberry.field(
        description="读取时分工的版本(Assignment.version);分工已被改动则拒绝 "
        "/ the assignment's version as read; a changed assignment is refused",
    )


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
            actor,
            input.task_number,
            input.unit_name,
            input.role,
            input.plan_code,
            expected_version=input.expected_version,
            now=info.context.now(),
        ),
    )
    if row is None:
        return UnassignTaskPayload(task=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    return UnassignTaskPayload(
        task=Task.of(bundle, bundle.view.tasks_by_id[row.id]), user_errors=[]
    )


@strawberry.input(description="设置完成时限;dueDate 为空即清除 / Set (or clear) a due date.")
class SetTaskDueDateInput:
    task_number: int
    due_date: dt.date | None
    expected_version: int = strawberry.field(
        description="读取时任务的版本(Task.version) / the version you read"
    )
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
            actor,
            input.task_number,
            input.due_date,
            input.plan_code,
            expected_version=input.expected_version,
            now=info.context.now(),
        ),
    )
    if row is None:
        return SetTaskDueDatePayload(task=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    return SetTaskDueDatePayload(
        task=Task.of(bundle, bundle.view.tasks_by_id[row.id]), user_errors=[]
    )


MAX_NOTICE_CHARS = 500_000


@strawberry.input(description="导入工作要点通知全文 / Import a work-plan notice.")
class ImportPlanInput:
    text: str = strawberry.field(description="通知全文(UTF-8 文本)/ the notice's full text")


@strawberry.type
class ImportPlanPayload:
    plan: WorkPlan | None
    created: bool = strawberry.field(description="新建(而非更新)/ a new plan, not an update")
    changes: list[str] = strawberry.field(description="变更清单;空表示无变化 / what changed")
    unlisted_units: list[str] = strawberry.field(
        description="不在名录中的单位 / not in the directory"
    )
    user_errors: list[UserError]


def _refused(errors: list[UserError]) -> ImportPlanPayload:
    return ImportPlanPayload(
        plan=None, created=False, changes=[], unlisted_units=[], user_errors=errors
    )


@strawberry.mutation(description="导入工作要点(专班办公室)/ Import a work plan (office only).")
async def import_plan(info: Info, input: ImportPlanInput) -> ImportPlanPayload:
    actor = info.context.actor
    if actor is None:
        return _refused(sign_in_required("importPlan"))
    try:
        require(actor, "plan.import")  # before parsing: nobody else makes the server parse
    except DomainError as error:
        return _refused(from_domain(error))
    if len(input.text) > MAX_NOTICE_CHARS:
        message = f"the notice is longer than {MAX_NOTICE_CHARS} characters"
        return _refused([UserError(field=["text"], message=message, code=ErrorCode.INVALID)])
    try:
        parsed = parse_notice(input.text)
    except PlanParseError as error:
        return _refused(from_parse(error))

    async def work(actor: Actor) -> plans.ImportResult:
        return await plans.import_plan(parsed, actor)

    result, errors = await run_use_case(info, "importPlan", work)
    if result is None:
        return _refused(errors)
    bundle = await info.context.bundle(result.plan_code)
    return ImportPlanPayload(
        plan=WorkPlan.of(bundle),
        created=result.created,
        changes=result.changes,
        unlisted_units=result.unlisted_units,
        user_errors=[],
    )


@strawberry.type
class PlanAssignmentMutation:
    assign_task = assign_task
    unassign_task = unassign_task
    set_task_due_date = set_task_due_date


@strawberry.type
class PlanImportMutation:
    import_plan = import_plan
    preview_plan_import = preview_plan_import
    apply_plan_import = apply_plan_import_mutation
