"""A target's verdict by its scope: every scope × complete / missing values / consolidated value
present or not / provisional. Pending is never printed as 未达标."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tongnan.domain.common.values import Comparator, TargetScope
from tongnan.domain.rules.targets import (
    OFFICE,
    Attainment,
    Consolidated,
    TargetQuestion,
    UnitFigure,
    judge,
    unit_attainment,
)

A, N, P = Attainment.ATTAINED, Attainment.NOT_ATTAINED, Attainment.PENDING
GE, EQ = Comparator.GE, Comparator.EQ
TOTAL, EACH, RATE = TargetScope.DISTRICT_TOTAL, TargetScope.EACH_UNIT, TargetScope.DISTRICT_RATE
CLEAR, QUOTA = TargetScope.CLEARANCE, TargetScope.ALLOCATED_QUOTA
D = Decimal


def units(
    *pairs: tuple[str, str | None] | tuple[str, str | None, str | None],
) -> tuple[UnitFigure, ...]:
    out = []
    for pair in pairs:
        name, value = pair[0], pair[1]
        share = pair[2] if len(pair) == 3 else None
        out.append(
            UnitFigure(
                name, None if value is None else D(value), None, None if share is None else D(share)
            )
        )
    return tuple(out)


LEAD = Consolidated(D(24300), "区人力社保局")

# (name, question, attainment, rule contains, value judged, provisional, missing, failing)
CASES = [
    (
        "total: two towns' counts, the lead's accepted 24,300",
        TargetQuestion(TOTAL, GE, D(24000), units(("柏梓镇", "1860"), ("双江镇", "1420")), LEAD),
        A,
        "按牵头单位（区人力社保局）审核通过的汇总值判定",
        D(24300),
        False,
        (),
        (),
    ),
    (
        "total: consolidated value present, a town missing: judged on the consolidated value",
        TargetQuestion(TOTAL, GE, D(24000), units(("柏梓镇", "1860"), ("双江镇", None)), LEAD),
        A,
        "审核通过的汇总值",
        D(24300),
        False,
        ("双江镇",),
        (),
    ),
    (
        "total: consolidated value below the target",
        TargetQuestion(
            TOTAL, GE, D(24000), units(("柏梓镇", "1860")), Consolidated(D(23000), "区人力社保局")
        ),
        N,
        "审核通过的汇总值",
        D(23000),
        False,
        (),
        (),
    ),
    (
        "total: no consolidated value, every unit in, the sum meets it: provisional 达标",
        TargetQuestion(TOTAL, GE, D(3000), units(("柏梓镇", "1860"), ("双江镇", "1420"))),
        A,
        "按各单位已报数合计判定（暂定）",
        D(3280),
        True,
        (),
        (),
    ),
    (
        "total: no consolidated value, the sum short: pending, never 未达标",
        TargetQuestion(TOTAL, GE, D(24000), units(("柏梓镇", "1860"), ("双江镇", "1420"))),
        P,
        "待牵头单位汇总审核后判定",
        D(3280),
        True,
        (),
        (),
    ),
    (
        "total: no consolidated value, a town missing: pending on the submitted sum",
        TargetQuestion(TOTAL, GE, D(24000), units(("柏梓镇", "1860"), ("双江镇", None))),
        P,
        "按各单位已报数合计（暂定）",
        D(1860),
        True,
        ("双江镇",),
        (),
    ),
    (
        "total: the office's value for a task with no separate lead",
        TargetQuestion(
            TOTAL, GE, D(3000), units(("柏梓镇", "1860")), Consolidated(D(3280), OFFICE)
        ),
        A,
        "按专班办公室确认的汇总值判定",
        D(3280),
        False,
        (),
        (),
    ),
    (
        "each unit: all attain",
        TargetQuestion(EACH, GE, D(8700), units(("柏梓镇", "9100"), ("双江镇", "8700"))),
        A,
        "逐一判定",
        None,
        False,
        (),
        (),
    ),
    (
        "each unit: one falls short",
        TargetQuestion(EACH, GE, D(8700), units(("柏梓镇", "9100"), ("双江镇", "8420"))),
        N,
        "逐一判定",
        None,
        False,
        (),
        ("双江镇",),
    ),
    (
        "each unit: one falls short, one missing: pending, the shortfall listed",
        TargetQuestion(EACH, GE, D(8700), units(("柏梓镇", "8420"), ("双江镇", None)), LEAD),
        P,
        "待尚未报送的单位报齐",
        None,
        False,
        ("双江镇",),
        ("柏梓镇",),
    ),
    (
        "each unit: no unit owes a value: judged on the consolidated value",
        TargetQuestion(EACH, GE, D(8700), (), Consolidated(D(9000), "区农业农村委")),
        A,
        "审核通过的汇总值",
        D(9000),
        False,
        (),
        (),
    ),
    (
        "each unit: no unit owes a value, no consolidated value",
        TargetQuestion(EACH, GE, D(8700), ()),
        P,
        "待牵头单位",
        None,
        False,
        (),
        (),
    ),
    (
        "rate: judged on the consolidated value; units' rates shown, not judged",
        TargetQuestion(
            RATE,
            GE,
            D(99),
            units(("柏梓镇", "98.5"), ("双江镇", None)),
            Consolidated(D("99.2"), "区医保局"),
        ),
        A,
        "各单位数值仅供参考",
        D("99.2"),
        False,
        ("双江镇",),
        (),
    ),
    (
        "rate: every unit in, no consolidated value: pending",
        TargetQuestion(RATE, GE, D(99), units(("柏梓镇", "99.5"), ("双江镇", "99.9"))),
        P,
        "待牵头单位报送",
        None,
        False,
        (),
        (),
    ),
    (
        "rate: consolidated below the target",
        TargetQuestion(RATE, GE, D(99), units(("柏梓镇", "99.5")), Consolidated(D(98), "区医保局")),
        N,
        "审核通过的汇总值",
        D(98),
        False,
        (),
        (),
    ),
    (
        "clearance: every unit at zero",
        TargetQuestion(CLEAR, EQ, D(0), units(("柏梓镇", "0"), ("双江镇", "0"))),
        A,
        "任一单位不为零即未清零",
        None,
        False,
        (),
        (),
    ),
    (
        "clearance: any non-zero fails",
        TargetQuestion(CLEAR, EQ, D(0), units(("柏梓镇", "0"), ("双江镇", "2"))),
        N,
        "任一单位不为零即未清零",
        None,
        False,
        (),
        ("双江镇",),
    ),
    (
        "clearance: a unit missing: pending",
        TargetQuestion(CLEAR, EQ, D(0), units(("柏梓镇", "0"), ("双江镇", None))),
        P,
        "待尚未报送的单位报齐",
        None,
        False,
        ("双江镇",),
        (),
    ),
    (
        "quota: each unit against its share, the district against the sum",
        TargetQuestion(QUOTA, GE, None, units(("柏梓镇", "120", "100"), ("双江镇", "70", "80"))),
        A,
        "对照分解计划合计判定",
        D(190),
        False,
        (),
        ("双江镇",),
    ),
    (
        "quota: the sum short of the sum of shares",
        TargetQuestion(QUOTA, GE, None, units(("柏梓镇", "90", "100"), ("双江镇", "70", "80"))),
        N,
        "对照分解计划合计判定",
        D(160),
        False,
        (),
        ("柏梓镇", "双江镇"),
    ),
    (
        "quota: a unit missing: pending on the submitted sum",
        TargetQuestion(QUOTA, GE, None, units(("柏梓镇", "120", "100"), ("双江镇", None, "80"))),
        P,
        "待尚未报送的单位报齐",
        D(120),
        True,
        ("双江镇",),
        (),
    ),
    (
        "quota: a unit with no share yet: pending",
        TargetQuestion(QUOTA, GE, None, units(("柏梓镇", "120", "100"), ("双江镇", "70", None))),
        P,
        "待专班办公室分解到各单位",
        D(190),
        True,
        (),
        (),
    ),
]


@pytest.mark.parametrize(
    ("question", "attainment", "rule", "value", "provisional", "missing", "failing"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_verdict_by_scope(
    question: TargetQuestion,
    attainment: Attainment,
    rule: str,
    value: Decimal | None,
    provisional: bool,
    missing: tuple[str, ...],
    failing: tuple[str, ...],
) -> None:
    verdict = judge(question)
    assert verdict.attainment is attainment
    assert rule in verdict.rule
    assert verdict.value == value
    assert verdict.provisional is provisional
    assert verdict.missing_units == missing
    assert verdict.failing_units == failing


def test_missing_values_are_never_not_attained() -> None:
    for scope in TargetScope:
        for consolidated in (None, Consolidated(D(1), "区人力社保局")):
            question = TargetQuestion(
                scope, GE, D(24000), units(("柏梓镇", "1"), ("双江镇", None, "5")), consolidated
            )
            verdict = judge(question)
            if verdict.attainment is N:
                assert consolidated is not None and scope in (TOTAL, RATE)


def test_quota_completion_per_unit() -> None:
    verdict = judge(
        TargetQuestion(QUOTA, GE, None, units(("柏梓镇", "120", "100"), ("双江镇", "70", "80")))
    )
    assert [(u.unit, u.completion) for u in verdict.units] == [
        ("柏梓镇", D("120.0")),
        ("双江镇", D("87.5")),
    ]
    assert verdict.threshold == D(180)


def test_a_towns_part_of_a_district_total_is_not_judged_alone() -> None:
    assert unit_attainment(TOTAL, GE, D(24000), D(1860)) is Attainment.NOT_APPLICABLE
    assert unit_attainment(EACH, GE, D(8700), D(8420)) is N
    assert unit_attainment(CLEAR, EQ, D(0), D(3)) is N
    assert unit_attainment(QUOTA, GE, None, D(70), share=D(80)) is N
    assert unit_attainment(QUOTA, GE, None, D(70)) is P
