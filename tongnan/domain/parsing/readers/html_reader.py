"""An .html page saved from a government site: its text blocks in order, tables kept as rows
of cells (the standard library's HTMLParser; scripts, styles and navigation are skipped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tongnan.domain.parsing.lines import SourceDocument, document_from_blocks
from tongnan.domain.parsing.notice import decode_notice

_BLOCKS = frozenset(
    (
        *("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section"),
        *("article", "header", "footer", "table", "tr", "title", "blockquote", "pre", "dd"),
        "dt",
    )
)
_SKIP = frozenset(
    ("script", "style", "noscript", "nav", "head", "select", "option", "button", "iframe")
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | tuple[str, ...]] = []
        self.text = ""
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: str | None = None
        self.tables = 0
        self.spans: dict[int, tuple[int, str]] = {}  # column -> (rows left, text) of a rowspan
        self.rowspan = 1
        self.colspan = 1

    def _fill(self) -> None:
        """Repeat the cells that earlier rows spanned down into this one."""
        assert self.row is not None
        while len(self.row) in self.spans:
            left, text = self.spans[len(self.row)]
            if left <= 1:
                del self.spans[len(self.row)]
            else:
                self.spans[len(self.row)] = (left - 1, text)
            self.row.append(text)

    def _flush(self) -> None:
        if self.text.strip():
            self.blocks.append(self.text)
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            self._flush()
            self.tables += 1
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self._fill()
            self.cell = ""
            span = dict(attrs).get("rowspan") or "1"
            self.rowspan = int(span) if span.isdigit() else 1
            wide = dict(attrs).get("colspan") or "1"
            self.colspan = min(int(wide), 50) if wide.isdigit() else 1
        elif tag == "br" and self.cell is not None:
            self.cell += "\n"
        elif tag in _BLOCKS and self.cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            text = "".join(self.cell.split())
            if self.rowspan > 1:
                self.spans[len(self.row)] = (self.rowspan - 1, text)
            self.row.append(text)
            self.row.extend([""] * (self.colspan - 1))  # a merged cell keeps the columns in place
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._fill()
            if any(self.row):
                self.blocks.append(tuple(self.row))
            self.row = None
        elif tag == "table":
            self.tables = max(0, self.tables - 1)
        elif tag in _BLOCKS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell += data
        else:
            self.text += " ".join(data.split("\n")) if data.strip() else ""


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:2048])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_notice(data)


def read_html(data: bytes) -> SourceDocument:
    """The page's blocks: paragraphs as lines, table rows as lines with cells."""
    parser = _Blocks()
    parser.feed(_decode(data))
    parser.close()
    parser._flush()
    return document_from_blocks(parser.blocks, "html")
