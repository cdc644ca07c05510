"""Outline numbering: 一、 > (一) > 1. / 1、 > (1) > ①, the order official documents nest them.

Which schemes a notice uses, and so how many levels it has, is read from the notice; a
scheme's rank only says which of two used schemes sits above the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tongnan.domain.parsing.numerals import parse_chinese_int, to_chinese
from tongnan.domain.parsing.text import COLONS, COMMAS, LPAREN, RPAREN, SEMICOLONS, STOPS

_CN = r"[零〇一二两三四五六七八九十百]+"
_AR = r"\d{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True, slots=True)
class Scheme:
    """One numbering style: its rank (0 is outermost) and how a heading of it is written."""

    name: str
    rank: int
    pattern: re.Pattern[str]
    chinese: bool

    def label(self, numeral: str) -> str:
        """The label as the notice writes it, brackets made half-width: (一), 1., ①."""
        return self.name.replace("N", numeral)


SCHEMES = (
    Scheme("N、", 0, re.compile(rf"(?P<num>{_CN})\s*、\s*(?P<rest>.*)"), True),
    Scheme("(N)", 1, re.compile(rf"[{LPAREN}]\s*(?P<num>{_CN})\s*[{RPAREN}]\s*(?P<rest>.*)"), True),
    Scheme("N.", 2, re.compile(rf"(?P<num>{_AR})\s*[.．](?!\d)\s*(?P<rest>.*)"), False),
    Scheme("N、", 2, re.compile(rf"(?P<num>{_AR})\s*、\s*(?P<rest>.*)"), False),
    Scheme(
        "(N)", 3, re.compile(rf"[{LPAREN}]\s*(?P<num>{_AR})\s*[{RPAREN}]\s*(?P<rest>.*)"), False
    ),
    Scheme("N", 4, re.compile(rf"(?P<num>[{_CIRCLED}])\s*(?P<rest>.*)"), False),
)
_HEADING_LIKE_BREAKS = re.compile(f"[{COMMAS}{SEMICOLONS}{COLONS}{STOPS}]")


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered line: its scheme, numeral as written, value, and the text after it."""

    scheme: Scheme
    numeral: str
    number: int
    rest: str

    @property
    def label(self) -> str:
        return self.scheme.label(self.numeral)


def match_heading(text: str) -> Heading | None:
    """The numbered heading a line starts with, or None."""
    for scheme in SCHEMES:
        match = scheme.pattern.fullmatch(text)
        if match is None:
            continue
        numeral = match["num"]
        if numeral in _CIRCLED:
            number = _CIRCLED.index(numeral) + 1
        else:
            try:
                number = parse_chinese_int(numeral)
            except ValueError:
                continue
        if number == 0:
            continue
        return Heading(scheme, numeral, number, match["rest"].strip())
    return None


def write_number(scheme: Scheme, number: int) -> str:
    """A value written in the scheme's numerals (for 这里应是三)."""
    if scheme.chinese:
        return to_chinese(number)
    if scheme.rank == 4 and 0 < number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    return str(number)


def heading_like(text: str) -> bool:
    """A short line without sentence punctuation: an unnumbered sub-heading, a signature."""
    return 2 <= len(text) <= 30 and _HEADING_LIKE_BREAKS.search(text) is None
