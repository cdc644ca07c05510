"""The line model every reader produces: numbered lines of text, table rows carrying cells.

A .txt file's lines are its lines; a .docx's paragraphs, a PDF's text lines, an HTML page's
blocks and a sheet's rows become lines too, numbered in reading order, so every problem and
note names a line the clerk can find.
"""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.parsing.text import clean_line, normalise_newlines


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line (1-based ``number``); ``cells`` is set when the line is a table row."""

    number: int
    text: str
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A file turned into lines; ``kind`` is txt, docx, pdf, html, xlsx or csv."""

    lines: tuple[SourceLine, ...]
    kind: str
    full_text: str


def text_document(text: str, kind: str = "txt") -> SourceDocument:
    """The lines of plain text (cleaned of surrounding spaces and invisible marks)."""
    full = normalise_newlines(text)
    lines = tuple(SourceLine(k + 1, clean_line(raw)) for k, raw in enumerate(full.split("\n")))
    return SourceDocument(lines, kind, full)


def document_from_blocks(blocks: list[str | tuple[str, ...]], kind: str) -> SourceDocument:
    """Lines from a reader's blocks in order: a string is a paragraph (split at its line
    breaks), a tuple the cells of a table row."""
    lines: list[SourceLine] = []
    for block in blocks:
        if isinstance(block, tuple):
            cells = tuple(clean_line(" ".join(c.split())) for c in block)
            if any(cells):
                lines.append(SourceLine(len(lines) + 1, " | ".join(cells), cells))
            else:
                lines.append(SourceLine(len(lines) + 1, ""))
            continue
        for raw in normalise_newlines(block).split("\n"):
            lines.append(SourceLine(len(lines) + 1, clean_line(raw)))
    full = "\n".join(line.text for line in lines)
    return SourceDocument(tuple(lines), kind, full)
