"""Text conventions of official documents: dates, full-width punctuation, unit lists, the mark."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

#: Width of the type area (版心) in points: 156 mm.
TYPE_AREA_WIDTH_PT = 156 / 25.4 * 72

_TO_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ";": "；", "!": "！", "?": "？"})
# A comma or colon between two digits (24,000 or 12:30) stays half-width.
_COMMA_OR_COLON = re.compile(r"(?<!\d)[,:]|[,:](?!\d)")
_FULL = {",": "，", ":": "："}


def cn_date(day: dt.date) -> str:
    """A date as official documents write it, in Arabic numerals: 2025年4月27日."""
    return f"{day.year}年{day.month}月{day.day}日"


def full_width(text: str) -> str:
    """Chinese text with half-width , : ; ( ) ! ? turned full-width, as GB/T 9704 text wants.

    Commas and colons between digits (24,000, 12:30) are left alone; so are . % + and quotes.
    """
    text = _COMMA_OR_COLON.sub(lambda m: _FULL[m.group()], text)
    return text.translate(_TO_FULL_WIDTH)


def allow_quote_breaks(text: str) -> str:
    """Text with a zero-width space before each “ and after each ”.

    Pango follows UAX #14, which forbids a line break on either side of the ambiguous quotation
    marks; Chinese allows one before an opening and after a closing mark. Without this hint a
    whole character cell is left empty at the end of many lines.
    """
    return text.replace("“", "\u200b“").replace("”", "”\u200b")


def join_units(names: Iterable[str]) -> str:
    """Unit names as a notice lists them: 区农业农村委、各镇街."""
    return "、".join(full_width(name) for name in names)


def addressee_line(names: Iterable[str]) -> str:
    """The 主送 line: names joined with 、 and ending with a full-width colon."""
    return join_units(names) + "："


def annotation(leads: Iterable[str], responsible: Iterable[str]) -> str:
    """(牵头单位：…；责任单位：…) from the units in the order the notice names them."""
    lead_text, responsible_text = join_units(leads), join_units(responsible)
    parts = []
    if lead_text:
        parts.append(f"牵头单位：{lead_text}")
    if responsible_text:
        parts.append(f"责任单位：{responsible_text}")
    return f"（{'；'.join(parts)}）" if parts else ""


def split_lead_sentence(title: str, body: str) -> tuple[str, str]:
    """A task body split after its title sentence: ("用好…应用。", "完善…").

    The stored body starts with the title and its full stop; when it does not (an edited
    body), the title is given its own sentence and the whole body follows.
    """
    if body.startswith(title):
        rest = body[len(title) :]
        if rest[:1] in ("。", "."):
            return f"{title}。", rest[1:]
        return title, rest
    return f"{title}。", body


def mark_layout(
    name: str, *, max_pt: float = 36.0, min_pt: float = 16.0
) -> tuple[float, list[str]]:
    """Font size (pt) and lines for the red issuer mark (发文机关标志), fitted to the type area.

    One line when the name fits at 22 pt or more; otherwise two balanced lines at the size
    that makes the longer one exactly as wide as the type area (never below ``min_pt``).
    """
    if not name:
        return max_pt, []
    one_line = TYPE_AREA_WIDTH_PT / len(name)
    if one_line >= 22.0:
        return _round_down(min(max_pt, one_line)), [name]
    half = math.ceil(len(name) / 2)
    lines = [name[:half], name[half:]]
    return _round_down(max(min_pt, min(max_pt, TYPE_AREA_WIDTH_PT / half))), lines


def _round_down(size: float) -> float:
    return math.floor(size * 2) / 2
