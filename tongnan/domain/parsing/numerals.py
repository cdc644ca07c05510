"""Chinese numerals and dates: 二十二 <-> 22, 2025年4月27日 / 二〇二五年四月二十七日 -> date."""

from __future__ import annotations

import datetime as dt
import re

DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}

#: Characters that may make up a Chinese (or Arabic) ordinal such as 二十二 or 22.
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千0-9"

_WRITE_DIGITS = "零一二三四五六七八九"
_YEAR_CHARS = "〇零一二三四五六七八九"
_DATE_RE = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
#: Pattern text for a date, for embedding in other patterns.
DATE_PATTERN = _DATE_RE.pattern


def parse_chinese_int(text: str) -> int:
    """Read 一…九百九十九 (or plain Arabic digits); raise ValueError for anything else."""
    if not text:
        raise ValueError("序号是空的，应写汉字数字")
    if text.isascii() and text.isdigit():
        return int(text)
    total = 0
    pending: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            value = DIGITS[ch]
            if pending is not None:
                raise ValueError(f"“{text}”不是汉字数字")
            if value != 0:
                pending = value
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit or (pending is None and total):
                raise ValueError(f"“{text}”不是汉字数字")
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        else:
            raise ValueError(f"“{text}”不是汉字数字")
    return total + (pending or 0)


def to_chinese(number: int) -> str:
    """Write 1…9999 the way the notices do: 1 -> 一, 10 -> 十, 22 -> 二十二, 105 -> 一百零五."""
    if not 0 < number < 10_000:
        return str(number)
    parts: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        if not (unit == 10 and digit == 1 and not parts):
            parts.append(_WRITE_DIGITS[digit])
        parts.append(name)
    return "".join(parts)


def _date_part(text: str) -> int:
    if text.isascii():
        return int(text)
    if len(text) == 4 and all(ch in _YEAR_CHARS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    return parse_chinese_int(text)


def parse_date(text: str) -> dt.date | None:
    """The date in a whole string such as 2025年4月27日; None if it is not exactly a date.

    Raises ValueError when it has the shape of a date but no such day exists (2025年2月30日).
    """
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        return None
    return date_from_match(match)


def date_from_match(match: re.Match[str]) -> dt.date:
    """Turn a match of DATE_PATTERN (groups y, m, d) into a date; ValueError if impossible."""
    return dt.date(_date_part(match["y"]), _date_part(match["m"]), _date_part(match["d"]))
