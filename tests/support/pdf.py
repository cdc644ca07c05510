"""Reading rendered PDFs back: pages, characters grouped into lines, the GB/T 9704 type area."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pdfplumber

MM = 72 / 25.4
A4 = (595.28, 841.89)
TOP, BOTTOM, INNER, OUTER = 37 * MM, 35 * MM, 28 * MM, 26 * MM
AREA_W, AREA_H = 156 * MM, 225 * MM
GRID = AREA_H / 22  # one body line
CHAR = 16 - 0.21  # one body character with the stylesheet's letter-spacing
RED = "red"

Char = dict[str, Any]


@dataclass(frozen=True)
class Area:
    """The type area (版心) of one page, in pdfplumber coordinates (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Line:
    """Characters sharing a line box (baselines within a few points: 楷体 sits lower)."""

    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return min(float(c["x0"]) for c in self.chars)

    @property
    def x1(self) -> float:
        return max(float(c["x1"]) for c in self.chars)

    @property
    def top(self) -> float:
        return min(float(c["top"]) for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(float(c["bottom"]) for c in self.chars)

    @property
    def cells(self) -> float:
        """How many character cells the line fills (a half-width digit is half a cell)."""
        return sum(1.0 if float(c["width"]) > 12 else 0.5 for c in self.chars)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    rects: list[dict[str, Any]]
    text: str

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def area(self) -> Area:
        """The type area: inner margin on the left of odd pages, on the right of even ones."""
        if self.landscape:
            left = (37 if self.number % 2 else 35) * MM
            return Area(left, 28 * MM, left + AREA_H, 28 * MM + AREA_W)
        left = INNER if self.number % 2 else OUTER
        return Area(left, TOP, left + AREA_W, TOP + AREA_H)

    def lines(self, chars: list[Char] | None = None, tolerance: float = 5.0) -> list[Line]:
        """Visible characters grouped into lines by baseline, top to bottom."""
        visible = [c for c in (self.chars if chars is None else chars) if c["text"].strip()]
        visible = [c for c in visible if c["text"] != "\u200b"]
        lines: list[Line] = []
        for c in sorted(visible, key=lambda c: (float(c["bottom"]), float(c["x0"]))):
            if lines and float(c["bottom"]) - lines[-1].bottom <= tolerance:
                lines[-1].chars.append(c)
            else:
                lines.append(Line([c]))
        for line in lines:
            line.chars.sort(key=lambda c: float(c["x0"]))
        return lines

    def body_chars(self) -> list[Char]:
        """Every glyph but the page number (which sits under the type area)."""
        bottom = self.area().bottom
        return [c for c in self.chars if float(c["top"]) < bottom and c["text"].strip()]

    def folio_chars(self) -> list[Char]:
        bottom = self.area().bottom
        return [c for c in self.chars if float(c["top"]) >= bottom and c["text"].strip()]


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: top and bottom edges, left and right ends, colour name."""

    top: float
    bottom: float
    x0: float
    x1: float
    colour: str


def rules(page: Page, min_width: float = 100.0) -> list[Rule]:
    """Horizontal rules, top to bottom, whether drawn as thin rectangles or, as WeasyPrint
    draws a border, as an even-odd pair (border box minus padding box) of rectangles."""
    rects = [r for r in page.rects if r["fill"] and float(r["width"]) >= min_width]
    found: set[Rule] = set()
    for r in rects:
        top, bottom = float(r["top"]), float(r["bottom"])
        x0, x1, name = float(r["x0"]), float(r["x1"]), colour(r["non_stroking_color"])
        if bottom - top <= 2:
            found.add(Rule(round(top, 2), round(bottom, 2), x0, x1, name))
            continue
        for inner in rects:
            i_top, i_bottom = float(inner["top"]), float(inner["bottom"])
            if inner is r or abs(float(inner["x0"]) - x0) > 0.01:
                continue
            if not (top <= i_top and i_bottom <= bottom):
                continue
            if 0 < i_top - top <= 2:
                found.add(Rule(round(top, 2), round(i_top, 2), x0, x1, name))
            if 0 < bottom - i_bottom <= 2:
                found.add(Rule(round(i_bottom, 2), round(bottom, 2), x0, x1, name))
    return sorted(found, key=lambda rule: rule.top)


def read_pdf(pdf: bytes) -> list[Page]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            Page(
                number=k,
                width=float(p.width),
                height=float(p.height),
                chars=list(p.chars),
                rects=list(p.rects),
                text=p.extract_text() or "",
            )
            for k, p in enumerate(doc.pages, start=1)
        ]


def colour(value: Any) -> str:
    """ "red", "black" or "other" for a pdfplumber colour (gray, RGB or CMYK tuple)."""
    if isinstance(value, int | float):
        value = (value,)
    components = tuple(float(v) for v in (value or (0.0,)))
    if len(components) == 1:
        return "black" if components[0] < 0.1 else "other"
    if len(components) == 3:
        r, g, b = components
        if r > 0.8 and g < 0.2 and b < 0.2:
            return RED
        return "black" if max(components) < 0.1 else "other"
    if len(components) == 4:
        c, m, y, k = components
        if c < 0.2 and m > 0.8 and y > 0.8 and k < 0.2:
            return RED
        return "black" if k > 0.9 else "other"
    return "other"


_FOLIO = re.compile(r"—\d+—")
_SPACE = re.compile(r"[\s\u200b]+")


def normalise(text: str) -> str:
    """Text for comparison: NFKC (full-width punctuation becomes ASCII), no whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def document_text(pages: list[Page]) -> str:
    """The whole document's normalised text without its page numbers."""
    return _FOLIO.sub("", "".join(normalise(p.text) for p in pages))


def table_rows(pdf: bytes) -> list[list[str]]:
    """Every row of every ruled table, page after page, each cell as normalised text."""
    rows: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                rows.extend([normalise(cell or "") for cell in row] for row in table)
    return rows
