"""The plan feature's enums: target comparators, accountability steps, matrix marks."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.values import Comparator, TargetScope
from tongnan.responsibility_matrix import Mark, Relation, StepKind

ComparatorEnum = strawberry.enum(
    Comparator,
    name="Comparator",
    description="指标比较方式 / how a reported value is compared with the target.",
)

TargetScopeEnum = strawberry.enum(
    TargetScope,
    name="TargetScope",
    description="指标判定口径:全区总量(按汇总值)、各单位均须达到、全区比率(按汇总值)、动态清零、"
    "分解到各单位(各单位对照分解数) / what a target measures, and so how it is judged.",
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
