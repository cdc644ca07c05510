"""Evaluating a reported value against a target: attained, not attained, no data, or not
evaluable (a stored value that is not a finite number: never an error, said as such)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from tongnan.domain.common.values import Comparator


class Attainment(StrEnum):
    ATTAINED = "ATTAINED"
    NOT_ATTAINED = "NOT_ATTAINED"
    NO_DATA = "NO_DATA"
    NOT_EVALUABLE = "NOT_EVALUABLE"  # the stored value (or threshold) is not a finite number


def evaluate(
    comparator: Comparator,
    threshold: Decimal | None,
    value: Decimal | None,
    baseline_value: Decimal | None = None,
) -> Attainment:
    """≥ 8700 元, ≥ 99 %, ≥ 24000 人, = 0 against ``threshold``; > / < last year's value against
    ``baseline_value`` (the value of the target's baseline year, reported with the value)."""
    if value is None:
        return Attainment.NO_DATA
    if not value.is_finite():
        return Attainment.NOT_EVALUABLE
    if comparator in (Comparator.INCREASE, Comparator.DECREASE):
        if baseline_value is None:
            return Attainment.NO_DATA
        if not baseline_value.is_finite():
            return Attainment.NOT_EVALUABLE
        ok = value > baseline_value if comparator is Comparator.INCREASE else value < baseline_value
    else:
        if threshold is None:
            return Attainment.NO_DATA
        if not threshold.is_finite():
            return Attainment.NOT_EVALUABLE
        ok = {
            Comparator.GE: value >= threshold,
            Comparator.GT: value > threshold,
            Comparator.LE: value <= threshold,
            Comparator.LT: value < threshold,
            Comparator.EQ: value == threshold,
        }[comparator]
    return Attainment.ATTAINED if ok else Attainment.NOT_ATTAINED


def aggregate(results: Iterable[Attainment]) -> Attainment:
    """Across units: a shortfall is NOT_ATTAINED; else a value that cannot be judged makes it
    NOT_EVALUABLE; else ATTAINED if any reported; else NO_DATA."""
    seen = set(results)
    if Attainment.NOT_ATTAINED in seen:
        return Attainment.NOT_ATTAINED
    if Attainment.NOT_EVALUABLE in seen:
        return Attainment.NOT_EVALUABLE
    if Attainment.ATTAINED in seen:
        return Attainment.ATTAINED
    return Attainment.NO_DATA
