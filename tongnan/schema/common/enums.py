"""Enums every feature shares: assignment roles, unit kinds, warning colours, user-error codes."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.errors import ErrorCode
from tongnan.domain.common.values import AssignmentRole, UnitKind
from tongnan.domain.rules.warnings import WarningLevel

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

UserErrorCodeEnum = strawberry.enum(
    ErrorCode,
    name="UserErrorCode",
    description="请求被拒绝的原因 / why a mutation was refused.",
)
WarningLevelEnum = strawberry.enum(
    WarningLevel,
    name="WarningLevel",
    description="三色预警:GREEN 按时;YELLOW 临期未报或被退回;RED 逾期 / three-colour warning.",
)
