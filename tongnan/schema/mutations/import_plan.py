"""``importPlan``: store a work-plan notice sent as text (office only; same rules as the CLI)."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import DomainError, ErrorCode
from tongnan.domain.common.permissions import require
from tongnan.domain.parsing import PlanParseError, parse_notice
from tongnan.domain.plans import plan_import as plans
from tongnan.schema.context import Info
from tongnan.schema.mutations.common import run_use_case
from tongnan.schema.types.errors import UserError, from_domain, from_parse, sign_in_required
from tongnan.schema.types.plan import WorkPlan

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
