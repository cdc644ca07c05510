"""Target evaluation against the plan's own targets, and aggregation across units."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - keeps the table readable

import pytest

from tongnan.domain.common.values import Comparator as C  # noqa: N817 - keeps the table readable
from tongnan.domain.rules.targets import Attainment, aggregate, evaluate

A, N, X = Attainment.ATTAINED, Attainment.NOT_ATTAINED, Attainment.NO_DATA
U = Attainment.NOT_EVALUABLE


@pytest.mark.parametrize(
    ("comparator", "threshold", "value", "baseline", "expected"),
    [
        (C.GE, D("8700"), D("9120"), None, A),  # 年人均纯收入 9120 元 ≥ 8700
        (C.GE, D("8700"), D("8700"), None, A),  # the boundary counts
        (C.GE, D("8700"), D("8699.99"), None, N),
        (C.GE, D("99"), D("99.3"), None, A),  # 参保率 99.3 %
        (C.GE, D("24000"), D("23999"), None, N),  # 就业规模 2.4 万人
        (C.EQ, D("0"), D("0"), None, A),  # 饮水问题动态清零
        (C.EQ, D("0"), D("2"), None, N),
        (C.GT, D("5"), D("5"), None, N),
        (C.LE, D("5"), D("5"), None, A),
        (C.LT, D("5"), D("4"), None, A),
        (C.INCREASE, None, D("31.5"), D("30.2"), A),  # 较2024年度有增长
        (C.INCREASE, None, D("30.2"), D("30.2"), N),
        (C.INCREASE, None, D("31.5"), None, X),  # no baseline value: cannot tell
        (C.DECREASE, None, D("3"), D("5"), A),
        (C.GE, D("8700"), None, None, X),
        # a stored value that is not a number is said to be so, never an error
        (C.GE, D("24000"), D("NaN"), None, U),
        (C.GE, D("24000"), D("sNaN"), None, U),
        (C.GE, D("24000"), D("Infinity"), None, U),
        (C.LE, D("5"), D("-Infinity"), None, U),
        (C.EQ, D("0"), D("NaN"), None, U),
        (C.INCREASE, None, D("31.5"), D("NaN"), U),
        (C.DECREASE, None, D("NaN"), D("5"), U),
        (C.GE, D("NaN"), D("9120"), None, U),
    ],
)
def test_evaluate(
    comparator: C, threshold: D | None, value: D | None, baseline: D | None, expected: Attainment
) -> None:
    assert evaluate(comparator, threshold, value, baseline) is expected


def test_aggregate() -> None:
    assert aggregate([A, A, X]) is A
    assert aggregate([A, N, X]) is N
    assert aggregate([X, X]) is X
    assert aggregate([]) is X
    assert aggregate([A, U, X]) is U  # one unreadable value: the target cannot be called met
    assert aggregate([A, U, N]) is N  # a shortfall is a shortfall whatever the others say
