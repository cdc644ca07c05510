"""The importer proposes each target's scope from its wording; the bundled 2025 plan in full."""

from __future__ import annotations

import pytest

from tongnan.domain.common.values import Comparator, TargetScope
from tongnan.domain.parsing import parse_notice
from tongnan.domain.parsing.scopes import propose_scope
from tongnan.domain.plans.bundled import bundled_plan

TOTAL, EACH, RATE = TargetScope.DISTRICT_TOTAL, TargetScope.EACH_UNIT, TargetScope.DISTRICT_RATE
CLEAR, QUOTA = TargetScope.CLEARANCE, TargetScope.ALLOCATED_QUOTA


def test_every_target_of_the_bundled_plan() -> None:
    plan = parse_notice(bundled_plan().read_text(encoding="utf-8"))
    got = [(t.number, target.metric, target.scope) for t in plan.tasks for target in t.targets]
    assert got == [
        (2, "低收入群体年人均纯收入", EACH),
        (3, "执业(助理)医师资格人数占比", RATE),
        (3, "低收入人口和脱贫人口基本医保参保率", RATE),
        (3, "饮水问题", CLEAR),
        (7, "有劳动能力有就业意愿的脱贫家庭就业人数", EACH),
        (7, "全区脱贫群众就业总体规模", TOTAL),
        (11, "有意愿有劳动能力的搬迁脱贫户产业增收项目数", EACH),
        (11, "有就业意愿且有劳动能力的搬迁脱贫户每户就业人数", EACH),
        (14, "消费帮扶指导性计划完成额", QUOTA),
    ]
    quota = plan.tasks[13].targets[0]
    assert (quota.text, quota.comparator, quota.threshold) == (
        "分解2025年消费帮扶指导性计划到各单位",
        Comparator.GE,
        None,
    )
    assert quota.to_json()["scope"] == "ALLOCATED_QUOTA"


@pytest.mark.parametrize(
    ("metric", "comparator", "unit", "scope"),
    [
        ("全区脱贫人口总数", Comparator.GE, "人", TOTAL),
        ("全区农村集体经济总量", Comparator.GE, "万元", TOTAL),
        ("农村居民人均可支配收入", Comparator.GE, "元", EACH),
        ("户均增收", Comparator.GE, "元", EACH),
        ("监测对象帮扶措施覆盖率", Comparator.GE, "%", RATE),
        ("因灾返贫", Comparator.EQ, None, CLEAR),
        ("培训人次", Comparator.GE, "人次", EACH),
    ],
)
def test_wording_rules(
    metric: str, comparator: Comparator, unit: str | None, scope: TargetScope
) -> None:
    text = metric + ("动态清零" if scope is CLEAR else "")
    assert propose_scope(metric, text, comparator, unit) is scope
