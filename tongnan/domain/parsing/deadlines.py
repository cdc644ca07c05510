"""A task's 完成时限 read as a date or a rule: 6月底前 → 30 June of the plan's year, 年底前 →
31 December, 2025年9月 → 30 September 2025, 每季度 / 每月 → recurring, 长期坚持 / 持续推进 →
ongoing. When a deadline names several dates (6月底前完成摸底，12月底前完成) the last counts."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tongnan.domain.parsing.model import Deadline, DeadlineKind
from tongnan.domain.parsing.numerals import parse_chinese_int

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_MONTH_RE = re.compile(
    rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?:(?P<d>{_NUM})\s*日|(?P<part>上旬|中旬|下旬|底|末))?"
)
_YEAR_END_RE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:年底|年末|年内|全年|年终|本年度|当年)")
_YEAR_ONLY_RE = re.compile(
    r"(?P<y>\d{4})\s*年(?:底|末|内)?(?:前|以前|之前)?完成|^(?P<y2>\d{4})\s*年$"
)
_HALF_RE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<h>上半年|下半年)")
_QUARTER_RE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?第?(?P<q>[一二三四1-4])\s*季度(?:末|底)?(?:前|以前|之前)?"
)
_RECURRING_RE = re.compile(r"每(?:季度|月|半年|年|周|旬)|按季度|按月|逐月|定期")
_ONGOING_RE = re.compile(r"长期|持续|常态化|经常性|全年持续")
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _int(text: str) -> int:
    return int(text) if text.isascii() else parse_chinese_int(text)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates(text: str, year: int) -> list[tuple[int, dt.date]]:
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(at: int, end: int, date: dt.date) -> None:
        if not any(at < e and s < end for s, e in taken):
            taken.append((at, end))
            found.append((at, date))

    for match in _MONTH_RE.finditer(text):
        y = int(match["y"]) if match["y"] else year
        if not y:
            continue
        m = _int(match["m"])
        if not 1 <= m <= 12:
            raise ValueError(f"“{match[0]}”的月份不存在")
        if match["d"]:
            add(match.start(), match.end(), dt.date(y, m, _int(match["d"])))
        elif match["part"] == "上旬":
            add(match.start(), match.end(), dt.date(y, m, 10))
        elif match["part"] == "中旬":
            add(match.start(), match.end(), dt.date(y, m, 20))
        else:
            add(match.start(), match.end(), _last_day(y, m))
    for match in _QUARTER_RE.finditer(text):
        y = int(match["y"]) if match["y"] else year
        if not y:
            continue
        add(match.start(), match.end(), _last_day(y, _QUARTER_NUMBER[match["q"]] * 3))
    for match in _HALF_RE.finditer(text):
        y = int(match["y"]) if match["y"] else year
        if not y:
            continue
        add(match.start(), match.end(), _last_day(y, 6 if match["h"] == "上半年" else 12))
    for match in _YEAR_END_RE.finditer(text):
        y = int(match["y"]) if match["y"] else year
        if not y:
            continue
        add(match.start(), match.end(), dt.date(y, 12, 31))
    for match in _YEAR_ONLY_RE.finditer(text):
        y = int(match["y"] or match["y2"])
        add(match.start(), match.end(), dt.date(y, 12, 31))
    return found


def parse_deadline(text: str, year: int | None) -> Deadline:
    """What a 完成时限 means; ValueError for a date that does not exist (2月30日).

    ``year`` is the plan's year, for deadlines that do not name one (6月底前)."""
    words = text.strip()
    if _RECURRING_RE.search(words):
        return Deadline(words, DeadlineKind.RECURRING)
    dates = _dates(words, year or 0)
    if dates:
        return Deadline(words, DeadlineKind.DATE, max(dates)[1])
    if _ONGOING_RE.search(words):
        return Deadline(words, DeadlineKind.ONGOING)
    return Deadline(words, DeadlineKind.TEXT)
