"""The directory feature's ``Mutation`` field: ``setGroupMembers`` (office only)."""

from __future__ import annotations

import strawberry

from tongnan.domain.plans import groups
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.directory.types import Unit


@strawberry.input(
    description="设置集体单位成员;相关镇街 等按任务确定者需给出 taskNumber / Set a group's "
    "members; a group chosen per task (相关镇街) needs taskNumber."
)
class SetGroupMembersInput:
    group_name: str
    member_names: list[str]
    expected_version: int = strawberry.field(
        description="读取时集体单位的版本(Unit.version) / the version you read"
    )
    task_number: int | None = None
    plan_code: str | None = None


@strawberry.type
class SetGroupMembersPayload:
    group: Unit | None
    user_errors: list[UserError]


@strawberry.mutation(description="设置集体单位成员(专班办公室)/ Set a group's members.")
async def set_group_members(info: Info, input: SetGroupMembersInput) -> SetGroupMembersPayload:
    row, errors = await run_use_case(
        info,
        "setGroupMembers",
        lambda actor: groups.set_group_members(
            actor,
            input.group_name,
            input.member_names,
            input.task_number,
            input.plan_code,
            expected_version=input.expected_version,
            now=info.context.now(),
        ),
    )
    if row is None:
        return SetGroupMembersPayload(group=None, user_errors=errors)
    bundle = await info.context.bundle(input.plan_code)
    return SetGroupMembersPayload(
        group=Unit.of(bundle, bundle.view.units_by_id[row.id]), user_errors=[]
    )


@strawberry.type
class DirectoryMutation:
    set_group_members = set_group_members
