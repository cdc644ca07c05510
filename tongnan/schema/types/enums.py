"""GraphQL enums, exposing the domain's own enumerations with Chinese and English descriptions."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.errors import ErrorCode
from tongnan.domain.common.values import AssignmentRole, Comparator, Membership, Role, UnitKind
from tongnan.responsibility_matrix import Mark, Relation, StepKind

AssignmentRoleEnum = strawberry.enum(
    AssignmentRole,
    name="AssignmentRole",
    description="牵头单位 (LEAD) 或 责任单位 (RESPONSIBLE) / lead unit or responsible unit.",
)
UnitKindEnum = strawberry.enum(
    UnitKind,
    name="UnitKind",
    description="单位类别:专班办公室、部门、镇、街道、集体(组)、其他 / office, department, town, "
    "subdistrict, group (collective unit) or other.",
)
MembershipEnum = strawberry.enum(
    Membership,
    name="Membership",
    description="集体单位成员如何确定:固定、按任务、由数据生成;NONE 表示非集体 / how a group's "
    "members are known: static, per task, derived from data; NONE for a concrete unit.",
)
ComparatorEnum = strawberry.enum(
    Comparator,
    name="Comparator",
    description="指标比较方式 / how a reported value is compared with the target.",
)
RoleEnum = strawberry.enum(
    Role,
    name="Role",
    description="调用者角色 / what a token's holder may do.",
)
ChainStepKindEnum = strawberry.enum(
    StepKind,
    name="ChainStepKind",
    description="责任链中的一环 / what a step of an accountability path is.",
)
ChainRelationEnum = strawberry.enum(
    Relation,
    name="ChainRelation",
    description="与上一环的关系 / how a step is tied to the next one up.",
)
MatrixMarkEnum = strawberry.enum(
    Mark,
    name="MatrixMark",
    description="直接点名 (DIRECT) 或经由集体单位 (VIA_GROUP) / named directly or through a group.",
)
UserErrorCodeEnum = strawberry.enum(
    ErrorCode,
    name="UserErrorCode",
    description="请求被拒绝的原因 / why a mutation was refused.",
)
