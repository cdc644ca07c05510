"""Reporting enums exposed to GraphQL."""

from __future__ import annotations

import strawberry

from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundKind, RoundStatus
from tongnan.domain.reporting.reviews import Decision
from tongnan.domain.rules.targets import Attainment

RoundKindEnum = strawberry.enum(
    RoundKind,
    name="RoundKind",
    description="调度类型:月度、季度、临时 / monthly, quarterly, ad hoc.",
)
RoundStatusEnum = strawberry.enum(RoundStatus, name="RoundStatus", description="调度状态 / status.")
ReportKindEnum = strawberry.enum(
    ObligationKind,
    name="ReportKind",
    description="UNIT:责任单位报告,由牵头单位审核;CONSOLIDATED:牵头单位汇总报告,由专班办公室审核 / "
    "a responsible unit's report (reviewed by the leads) or a lead's consolidated report "
    "(reviewed by the office).",
)
ReportStatusEnum = strawberry.enum(
    ReportStatus, name="ReportStatus", description="报告状态:草稿、已报送、退回、通过 / status."
)
AttainmentEnum = strawberry.enum(
    Attainment,
    name="Attainment",
    description="指标完成情况:达标、未达标、无数据、数值有误无法判定 / target result "
    "(NOT_EVALUABLE: a stored value is not a number that can be compared).",
)
ReviewDecisionEnum = strawberry.enum(
    Decision, name="ReviewDecision", description="审核意见:通过或退回 / accept or return."
)
