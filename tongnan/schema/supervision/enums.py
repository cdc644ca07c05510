"""Supervision and rectification enums exposed to GraphQL, described in Chinese and English."""

from __future__ import annotations

import strawberry

from tongnan.domain.models.supervision import (
    FindingSource,
    RectificationStatus,
    Severity,
    SupervisionKind,
    UrgedKind,
)

SupervisionKindEnum = strawberry.enum(
    SupervisionKind,
    name="SupervisionKind",
    description="督查方式:书面督查、实地督查、随机抽查暗访 / written, on-site, or spot check.",
)
FindingSourceEnum = strawberry.enum(
    FindingSource,
    name="FindingSource",
    description="问题来源:中市考核评估、市委巡视反馈、“大走访大排查大整改”、区级专项督查、其他(需给出"
    "名称)/ where a problem was found; OTHER carries its own name.",
)
SeverityEnum = strawberry.enum(
    Severity, name="FindingSeverity", description="问题严重程度:一般、较重、严重 / severity."
)
RectificationStatusEnum = strawberry.enum(
    RectificationStatus,
    name="RectificationStatus",
    description="整改状态:待整改、整改中、已完成、已销号 / open, in progress, completed, verified "
    "(closed by the office).",
)
UrgedKindEnum = strawberry.enum(
    UrgedKind,
    name="UrgedKind",
    description="催办对象:整改事项或进展报告 / a rectification item or a progress report.",
)
