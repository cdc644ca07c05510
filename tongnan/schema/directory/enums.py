"""The directory feature's enums: how a group's members are known, and callers' roles."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.values import Membership, Role

MembershipEnum = strawberry.enum(
    Membership,
    name="Membership",
    description="集体单位成员如何确定:固定、按任务、由数据生成;NONE 表示非集体 / how a group's "
    "members are known: static, per task, derived from data; NONE for a concrete unit.",
)

RoleEnum = strawberry.enum(
    Role,
    name="Role",
    description="调用者角色 / what a token's holder may do.",
)
