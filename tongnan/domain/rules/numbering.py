"""发文字号: format and parse ``潼巩固专办发〔2025〕2号``; the prefix (series) for each kind.

GB/T 9704-2012 7.2.4: 发文机关代字, the year in full inside 六角括号 〔〕, then the serial number
without leading zeros (no 第) followed by 号. Parsing also accepts the brackets people type by
mistake ([ ], ［ ］, ( ), （ ）) and spaces; formatting always writes 〔〕.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_PREFIX = "潼巩固专办发"
MAX_PREFIX = 32
_OPEN, _CLOSE = "〔[［(（", "〕]］)）"
_NUMBER = re.compile(
    rf"^\s*(?P<prefix>[^\s{re.escape(_OPEN)}]+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*(?P<number>\d+)\s*号\s*$"
)


class BadDocumentNumber(ValueError):
    """The text is not a 发文字号 of the form 潼巩固专办发〔2025〕2号."""


@dataclass(frozen=True, slots=True, order=True)
class DocumentNumber:
    """One number of a series: the prefix (发文机关代字), the year and the serial number."""

    prefix: str
    year: int
    number: int

    def __str__(self) -> str:
        return format_number(self.prefix, self.year, self.number)


def check_prefix(prefix: str) -> str:
    """The prefix, trimmed; refuse an empty one, one with brackets or digits at its end."""
    prefix = prefix.strip()
    if not prefix or len(prefix) > MAX_PREFIX:
        raise BadDocumentNumber(f"发文字号的机关代字不能为空，最多{MAX_PREFIX}字，现在是“{prefix}”")
    if any(c in _OPEN + _CLOSE or c.isspace() for c in prefix) or prefix[-1].isdigit():
        raise BadDocumentNumber(f"“{prefix}”不能作机关代字：不能含括号、空格，也不能以数字结尾")
    return prefix


def format_number(prefix: str, year: int, number: int) -> str:
    """潼巩固专办发〔2025〕2号."""
    if not 1000 <= year <= 9999:
        raise BadDocumentNumber(f"年份要写4位数字，现在是{year}")
    if number < 1:
        raise BadDocumentNumber(f"文号的序号从1开始，现在是{number}")
    return f"{check_prefix(prefix)}〔{year}〕{number}号"


def draft_number(prefix: str, year: int) -> str:
    """A draft's number line with the serial left blank: 潼巩固专办发〔2025〕　号."""
    return f"{check_prefix(prefix)}〔{year}〕\u3000号"


def parse_number(text: str) -> DocumentNumber:
    """The parts of a 发文字号; BadDocumentNumber when ``text`` is not one."""
    match = _NUMBER.match(text)
    if match is None:
        raise BadDocumentNumber(f"“{text}”不是文号，文号应写成{DEFAULT_PREFIX}〔2025〕2号这样")
    number = int(match["number"])
    if number < 1:
        raise BadDocumentNumber(f"“{text}”：文号的序号从1开始")
    return DocumentNumber(match["prefix"], int(match["year"]), number)


def try_parse_number(text: str) -> DocumentNumber | None:
    try:
        return parse_number(text)
    except BadDocumentNumber:
        return None


def highest_used(codes: list[str], prefix: str, year: int) -> int:
    """The highest serial number of ``prefix``/``year`` among ``codes`` (0 when none): numbers
    taken by documents issued elsewhere (the plan notice is 〔2025〕1号)."""
    numbers = [
        parsed.number
        for parsed in map(try_parse_number, codes)
        if parsed is not None and parsed.prefix == prefix and parsed.year == year
    ]
    return max(numbers, default=0)


def parse_prefixes(text: str) -> dict[str, str]:
    """``kind=prefix`` pairs separated by commas or semicolons (``TONGNAN_DOCUMENT_PREFIXES``)."""
    prefixes: dict[str, str] = {}
    for part in re.split(r"[,;，；]", text):
        if not part.strip():
            continue
        kind, sep, prefix = part.partition("=")
        if not sep or not kind.strip():
            raise BadDocumentNumber(f"应写成“文件种类=机关代字”，现在是“{part.strip()}”")
        prefixes[kind.strip()] = check_prefix(prefix)
    return prefixes


def prefix_for(kind: str, configured: Mapping[str, str] | None = None) -> str:
    """The series a kind of document is numbered in: configured, else the default."""
    return (configured or {}).get(kind) or DEFAULT_PREFIX
