"""The parts every notice shares, as plain values for the templates: 版头, letter, 版记."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tongnan.domain.documents.formatting import addressee_line, cn_date, full_width, mark_layout


@dataclass(frozen=True, slots=True)
class RedHeader:
    """版头: the red issuer mark (in lines, at a fitted size) and the document number."""

    mark_lines: tuple[str, ...]
    mark_size_pt: float
    number: str


@dataclass(frozen=True, slots=True)
class Imprint:
    """版记: 抄送 (may be empty), 印发机关 and 印发日期 (…印发), between full-width rules."""

    cc: str
    printed_by: str
    printed_on: str


@dataclass(frozen=True, slots=True)
class Letter:
    """The notice proper: title, 主送, paragraphs, 附件 names, signature and date."""

    title: str
    addressees: str
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]
    signature: str
    date: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: an optional lead in 楷体 (（一）…。) and the text after it."""

    lead: str
    text: str


@dataclass(frozen=True, slots=True)
class Part:
    """A numbered part of a letter: its heading (一、总体情况, 黑体) and its paragraphs."""

    heading: str
    paragraphs: tuple[Paragraph, ...]


def part(heading: str, paragraphs: Sequence[str | tuple[str, str]]) -> Part:
    """A part from plain strings or ``(lead, text)`` pairs; punctuation made full-width."""
    out = []
    for paragraph in paragraphs:
        lead, text = ("", paragraph) if isinstance(paragraph, str) else paragraph
        if lead or text:
            out.append(Paragraph(full_width(lead), full_width(text)))
    return Part(full_width(heading), tuple(out))


def red_header(issuer: str, number: str) -> RedHeader:
    size, lines = mark_layout(full_width(issuer))
    return RedHeader(mark_lines=tuple(lines), mark_size_pt=size, number=full_width(number))


def letter(
    *,
    title: str,
    addressees: list[str] | tuple[str, ...],
    paragraphs: list[str] | tuple[str, ...],
    signature: str,
    date: dt.date,
    attachments: tuple[str, ...] = (),
) -> Letter:
    return Letter(
        title=full_width(title),
        addressees=addressee_line(addressees) if addressees else "",
        paragraphs=tuple(full_width(p) for p in paragraphs if p),
        attachments=tuple(full_width(a) for a in attachments),
        signature=full_width(signature),
        date=cn_date(date),
    )


def imprint(
    printed_by: str | None, printed_on: dt.date | None, cc: tuple[str, ...] = ()
) -> Imprint | None:
    """The 版记, or None when the notice has no 印发机关."""
    if not printed_by:
        return None
    cc_text = "、".join(full_width(c) for c in cc)
    return Imprint(
        cc=f"{cc_text}。" if cc_text else "",
        printed_by=full_width(printed_by),
        printed_on=f"{cn_date(printed_on)}印发" if printed_on else "",
    )
