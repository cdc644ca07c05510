"""Quantitative targets in a task body: 不低于8700元, 达99%以上, 较2024年度有增长, 动态清零,
分解…计划到各单位 (a quota the office divides among the units)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from tongnan.domain.common.values import Comparator
from tongnan.domain.parsing.model import ParsedTarget
from tongnan.domain.parsing.text import COLONS, COMMAS, SEMICOLONS, STOPS

_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_CLAUSE_BREAKS = frozenset(f"{COMMAS}{SEMICOLONS}{COLONS}{STOPS}\n")
_LEADING_VERBS = re.compile(
    r"(?:确保|实现|保持|力争|推动|努力|争取|做到|促进|切实|进一步|全力|着力|全面|使得|要求)"
)
_TRAILING_MODALS = re.compile(r"(?:要|应|需|须|必须|(?<!人)均|都|要求)$")
_EDGE = f" \t\u3000\u3001{COMMAS}"

_NUMBER = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?"
_UNIT = (
    r"(?P<unit>平方米|立方米|公里|千米|人次|小时|%|‰|元|人|户|个|家|次|亩|米|吨|项|名|所|座|条"
    r"|天|辆|套|间|岁|年|倍)?"
)
_BOUND = r"\s*(?P<suffix>以上|之上|以下|以内|之内)?"
_BASE: dict[str, Comparator] = {
    **dict.fromkeys(("不低于", "不少于", "不小于", "至少"), Comparator.GE),
    **dict.fromkeys(("达到", "达", "稳定在", "保持在", "提高到", "提升到"), Comparator.GE),
    **dict.fromkeys(("提高至", "提升至", "增加到", "增加至", "增长到", "增长至"), Comparator.GE),
    **dict.fromkeys(("超过", "高于", "多于", "大于"), Comparator.GT),
    **dict.fromkeys(("不超过", "不高于", "不多于", "不大于", "控制在"), Comparator.LE),
    **dict.fromkeys(("降低到", "降低至", "下降到", "下降至", "减少到", "减少至"), Comparator.LE),
    **dict.fromkeys(("低于", "少于", "小于"), Comparator.LT),
}
_WORDS = "|".join(sorted((w for w in _BASE if w != "达"), key=len, reverse=True))
_COMPARED_RE = re.compile(
    rf"(?P<cmp>{_WORDS}|(?<![下到表发送传抵通直转])达)(?:要有|有)?\s*{_NUMBER}\s*{_UNIT}{_BOUND}"
)
_PER_HOUSEHOLD_RE = re.compile(r"(?:实现|达到|做到)?(?P<per>\d+)\s*户\s*(?P<num>\d+)\s*人" + _BOUND)
_CHANGE_RE = re.compile(
    r"(?:较|比)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:同期)?\s*(?:有所|有|明显|实现|持续)?\s*"
    r"(?P<dir>增长|提高|提升|增加|上升|下降|减少|降低)"
)
_QUOTA_RE = re.compile(
    r"分解\s*(?:(?:19|20)\d{2}\s*年度?)?(?P<what>[^，。；,;：:]{1,30}?计划)\s*"
    r"(?:任务)?\s*(?:到|至)各(?:单位|镇街|部门|责任单位)"
)
_ZERO_RE = re.compile(r"(?:动态|全部|持续)?(?:清零|归零)")
_SUFFIX: dict[str | None, Comparator] = {
    "以上": Comparator.GE,
    "之上": Comparator.GE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
}
_COUNT_NOUN = {"人": "人数", "名": "人数", "户": "户数", "次": "次数", "人次": "人次"}
_COUNTED = frozenset(("个", "家", "项", "所", "座", "条", "套", "间", "辆"))
_MULTIPLIER = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}

Found = tuple[int, int, ParsedTarget]  # (start, end, target) within the body


def find_targets(body: str) -> tuple[ParsedTarget, ...]:
    """Every quantitative target in a task body, in the order they appear."""
    plain = body.translate(_FULL_WIDTH)  # same length, so spans index ``body`` too
    found: list[Found] = []
    scanners: list[tuple[re.Pattern[str], Callable[[str, str, re.Match[str]], Found | None]]] = [
        (_QUOTA_RE, _quota),
        (_PER_HOUSEHOLD_RE, _per_household),
        (_CHANGE_RE, _change),
        (_ZERO_RE, _zero),
        (_COMPARED_RE, _compared),
    ]
    for pattern, build in scanners:
        for match in pattern.finditer(plain):
            if any(match.start() < end and start < match.end() for start, end, _ in found):
                continue
            item = build(body, plain, match)
            if item is not None:
                found.append(item)
    return tuple(target for _, _, target in sorted(found, key=lambda item: item[0]))


def _subject(body: str, at: int) -> tuple[int, str]:
    """The start and text of the metric: the clause before ``at`` minus leading verbs."""
    start = at
    while start > 0 and body[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    while True:
        while start < at and body[start] in _EDGE:
            start += 1
        verb = _LEADING_VERBS.match(body, start, at)
        if verb is None:
            break
        start = verb.end()
    metric = _TRAILING_MODALS.sub("", body[start:at]).strip(_EDGE)
    return start, metric


def _rest_of_clause(plain: str, at: int) -> str:
    end = at
    while end < len(plain) and plain[end] not in _CLAUSE_BREAKS:
        end += 1
    return plain[at:end]


def _decimal(text: str, multiplier: str | None = None) -> Decimal:
    value = Decimal(text) * _MULTIPLIER.get(multiplier or "", Decimal(1))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _per_household(body: str, plain: str, match: re.Match[str]) -> Found | None:
    start, subject = _subject(body, match.start())
    if not subject:
        return None
    rest = _rest_of_clause(plain, match.end())
    per = _decimal(match["per"])
    if per == 0:
        return None
    threshold = _decimal(match["num"]) / per
    end = match.end() + len(rest)
    comparator = _SUFFIX.get(match["suffix"], Comparator.GE)
    target = ParsedTarget(
        f"{subject}每户{rest}人数", comparator, threshold, "人", None, body[start:end]
    )
    return start, end, target


def _change(body: str, plain: str, match: re.Match[str]) -> Found | None:
    start, metric = _subject(body, match.start())
    if not metric:
        return None
    up = match["dir"] in ("增长", "提高", "提升", "增加", "上升")
    comparator = Comparator.INCREASE if up else Comparator.DECREASE
    text = body[start : match.end()]
    return (
        start,
        match.end(),
        ParsedTarget(metric, comparator, None, None, int(match["year"]), text),
    )


def _quota(body: str, plain: str, match: re.Match[str]) -> Found | None:
    """分解2025年消费帮扶指导性计划到各单位: each unit's share is set by the office."""
    metric = f"{match['what'].strip(_EDGE)}完成额"
    text = body[match.start() : match.end()]
    return match.start(), match.end(), ParsedTarget(metric, Comparator.GE, None, None, None, text)


def _zero(body: str, plain: str, match: re.Match[str]) -> Found | None:
    start, metric = _subject(body, match.start())
    if not metric:
        return None
    text = body[start : match.end()]
    return start, match.end(), ParsedTarget(metric, Comparator.EQ, Decimal(0), None, None, text)


def _compared(body: str, plain: str, match: re.Match[str]) -> Found | None:
    unit, mult, num = match["unit"], match["mult"], match["num"]
    if unit == "年" and len(num) == 4 and mult is None:
        return None  # a year (达2025年…), not a quantity
    start, metric = _subject(body, match.start())
    if not metric:
        return None
    if mult is not None and unit == "元":
        unit, mult = mult + "元", None  # 万元 / 亿元 are units of their own
    end = match.end()
    rest = _rest_of_clause(plain, end)
    if rest and (unit in _COUNT_NOUN or unit in _COUNTED):
        metric += rest + _COUNT_NOUN.get(unit, "数")
        end += len(rest)
    comparator = _SUFFIX.get(match["suffix"], _BASE[match["cmp"]])
    threshold = _decimal(num, mult)
    return start, end, ParsedTarget(metric, comparator, threshold, unit, None, body[start:end])
