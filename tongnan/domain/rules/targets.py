"""Evaluating reported values against a target: one value (``evaluate``: attained, not attained,
no data, or not evaluable — a stored value that is not a finite number is never an error, it is
said as such) and, by the target's scope, the district's verdict with the rule that produced it
(``judge``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tongnan.domain.common.values import Comparator, TargetScope


class Attainment(StrEnum):
    ATTAINED = "ATTAINED"
    NOT_ATTAINED = "NOT_ATTAINED"
    NO_DATA = "NO_DATA"
    NOT_EVALUABLE = "NOT_EVALUABLE"  # the stored value (or threshold) is not a finite number
    PENDING = "PENDING"  # 待定: values or the consolidated value it is judged on still missing
    NOT_APPLICABLE = "NOT_APPLICABLE"  # 不单独判定: a unit's part of a district total or rate


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
    """Across values with no scope: a shortfall is NOT_ATTAINED; else a value that cannot be
    judged makes it NOT_EVALUABLE; else ATTAINED if any reported; else NO_DATA. (The round's
    verdicts use :func:`judge`, which knows what a target measures.)"""
    seen = set(results)
    if Attainment.NOT_ATTAINED in seen:
        return Attainment.NOT_ATTAINED
    if Attainment.NOT_EVALUABLE in seen:
        return Attainment.NOT_EVALUABLE
    if Attainment.ATTAINED in seen:
        return Attainment.ATTAINED
    return Attainment.NO_DATA


OFFICE = "专班办公室"
NO_DATA = Attainment.NO_DATA


@dataclass(frozen=True, slots=True)
class UnitFigure:
    """What one owing unit reported (submitted or accepted) for the target, None if nothing yet;
    ``share``: its part of an allocated quota, None when the office has not set one."""

    unit: str
    value: Decimal | None
    baseline: Decimal | None = None
    share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Consolidated:
    """The district figure: a lead's accepted consolidated value, or the office's own when the
    task has no separate lead (``source`` names who gave it)."""

    value: Decimal
    source: str
    baseline: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TargetQuestion:
    scope: TargetScope
    comparator: Comparator
    threshold: Decimal | None
    units: tuple[UnitFigure, ...]  # every unit owing a value, in the round's order
    consolidated: Consolidated | None = None


@dataclass(frozen=True, slots=True)
class UnitVerdict:
    unit: str
    value: Decimal | None
    attainment: Attainment  # PENDING when the unit has not reported (or has no share yet)
    share: Decimal | None = None
    completion: Decimal | None = None  # percent of its share (allocated quotas)


@dataclass(frozen=True, slots=True)
class TargetVerdict:
    attainment: Attainment  # ATTAINED / NOT_ATTAINED / PENDING / NOT_EVALUABLE
    rule: str  # 按牵头单位审核通过的汇总值判定, …
    value: Decimal | None  # the value judged (a sum when provisional)
    provisional: bool  # judged (or shown) on units' submitted values, not a consolidated one
    threshold: Decimal | None  # what it was compared with (the sum of shares for a quota)
    missing_units: tuple[str, ...]  # owing units that have not reported
    failing_units: tuple[str, ...]  # units whose own value falls short
    units: tuple[UnitVerdict, ...]
    unallocated_units: tuple[str, ...] = ()  # quota: units the office has not given a share


def unit_attainment(
    scope: TargetScope,
    comparator: Comparator,
    threshold: Decimal | None,
    value: Decimal | None,
    baseline: Decimal | None = None,
    share: Decimal | None = None,
) -> Attainment:
    """One unit's own value under the target's scope: a part of a district total or rate is
    not judged alone (NOT_APPLICABLE); 清零 wants zero; a quota wants the unit's share."""
    if value is None:
        return Attainment.PENDING
    if not value.is_finite():
        return Attainment.NOT_EVALUABLE  # a stored value that is not a number: said, never raised
    if scope in (TargetScope.DISTRICT_TOTAL, TargetScope.DISTRICT_RATE):
        return Attainment.NOT_APPLICABLE
    if scope is TargetScope.ALLOCATED_QUOTA:
        if share is None:
            return Attainment.PENDING
        if not share.is_finite():
            return Attainment.NOT_EVALUABLE
        return Attainment.ATTAINED if value >= share else Attainment.NOT_ATTAINED
    if scope is TargetScope.CLEARANCE:
        comparator, threshold = Comparator.EQ, Decimal(0)
    seen = evaluate(comparator, threshold, value, baseline)
    return Attainment.PENDING if seen is NO_DATA else seen


def _unit_verdicts(q: TargetQuestion) -> tuple[UnitVerdict, ...]:
    out = []
    for u in q.units:
        seen = unit_attainment(q.scope, q.comparator, q.threshold, u.value, u.baseline, u.share)
        completion = None
        if (
            seen is not Attainment.NOT_EVALUABLE
            and q.scope is TargetScope.ALLOCATED_QUOTA
            and (u.value is not None and u.share)
        ):
            completion = (u.value / u.share * 100).quantize(Decimal("0.1"))
        out.append(UnitVerdict(u.unit, u.value, seen, u.share, completion))
    return tuple(out)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _consolidated_rule(c: Consolidated) -> str:
    if c.source == OFFICE:
        return "按专班办公室确认的汇总值判定"
    return f"按牵头单位（{c.source}）审核通过的汇总值判定"


def judge(q: TargetQuestion) -> TargetVerdict:
    """The district's verdict on one target in a round, by its scope (pure).

    Missing values from owing units, or a missing consolidated value the target is judged on,
    give PENDING with the missing units listed: never NOT_ATTAINED. A provisional sum (no
    consolidated value yet) is made of submitted values only; it can show a target already
    met, while a shortfall on it stays PENDING until the consolidated value comes.
    """
    comparator = Comparator.EQ if q.scope is TargetScope.CLEARANCE else q.comparator
    units = _unit_verdicts(q)
    missing = tuple(u.unit for u in units if u.value is None)
    failing = tuple(u.unit for u in units if u.attainment is Attainment.NOT_ATTAINED)
    unreadable = tuple(
        u.unit
        for u in units
        if u.attainment is Attainment.NOT_EVALUABLE
        or (u.value is not None and not u.value.is_finite())
    )
    unreadable_rule = f"{'、'.join(unreadable)}报送数值有误，无法判定" if unreadable else ""

    def verdict(
        attainment: Attainment,
        rule: str,
        value: Decimal | None,
        provisional: bool = False,
        threshold: Decimal | None = q.threshold,
        unallocated: tuple[str, ...] = (),
    ) -> TargetVerdict:
        return TargetVerdict(
            attainment, rule, value, provisional, threshold, missing, failing, units, unallocated
        )

    if q.scope in (TargetScope.DISTRICT_TOTAL, TargetScope.DISTRICT_RATE):
        c = q.consolidated
        if c is not None:
            seen = evaluate(comparator, q.threshold, c.value, c.baseline)
            if seen is NO_DATA:
                return verdict(Attainment.PENDING, "目标值或基期值不全，暂无法判定", c.value)
            rule = _consolidated_rule(c)
            if q.scope is TargetScope.DISTRICT_RATE:
                rule += "（各单位数值仅供参考）"
            return verdict(seen, rule, c.value)
        if q.scope is TargetScope.DISTRICT_RATE:
            return verdict(Attainment.PENDING, "待牵头单位报送并经审核的汇总值", None)
        if unreadable:
            return verdict(Attainment.NOT_EVALUABLE, unreadable_rule, None, True)
        total = _sum(u.value for u in q.units)
        if missing or total is None:
            return verdict(
                Attainment.PENDING, "按各单位已报数合计（暂定），待尚未报送的单位报齐", total, True
            )
        seen = evaluate(comparator, q.threshold, total, _sum(u.baseline for u in q.units))
        if seen is Attainment.ATTAINED:
            return verdict(seen, "按各单位已报数合计判定（暂定）", total, True)
        return verdict(
            Attainment.PENDING,
            "各单位已报数合计（暂定）未达目标值，待牵头单位汇总审核后判定",
            total,
            True,
        )

    if q.scope is TargetScope.ALLOCATED_QUOTA:
        unallocated = tuple(u.unit for u in q.units if u.share is None)
        shares = _sum(u.share for u in q.units)
        total = _sum(u.value for u in q.units)
        rule = "按各单位分解任务逐一判定，全区按完成额合计对照分解计划合计判定"
        if unreadable:
            return verdict(Attainment.NOT_EVALUABLE, unreadable_rule, None, True, shares)
        if missing or unallocated or shares is None or total is None:
            why = "待专班办公室分解到各单位" if unallocated else "待尚未报送的单位报齐"
            return verdict(Attainment.PENDING, f"{rule}（{why}）", total, True, shares, unallocated)
        seen = Attainment.ATTAINED if total >= shares else Attainment.NOT_ATTAINED
        return verdict(seen, rule, total, False, shares)

    # EACH_UNIT and CLEARANCE: every owing unit on its own value.
    rule = (
        "按各单位报送值逐一判定，任一单位不为零即未清零"
        if q.scope is TargetScope.CLEARANCE
        else "按各单位报送值逐一判定，全部单位达标方为达标"
    )
    if not units:
        c = q.consolidated
        if c is None:
            return verdict(Attainment.PENDING, "待牵头单位报送并经审核的汇总值", None)
        seen = evaluate(comparator, q.threshold, c.value, c.baseline)
        return verdict(
            Attainment.PENDING if seen is NO_DATA else seen, _consolidated_rule(c), c.value
        )
    if missing:
        return verdict(Attainment.PENDING, f"{rule}（待尚未报送的单位报齐）", None)
    if any(u.attainment is Attainment.PENDING for u in units):
        return verdict(Attainment.PENDING, f"{rule}（目标值或基期值不全，暂无法判定）", None)
    if unreadable and not failing:
        return verdict(Attainment.NOT_EVALUABLE, f"{rule}（{unreadable_rule}）", None)
    return verdict(Attainment.NOT_ATTAINED if failing else Attainment.ATTAINED, rule, None, False)
