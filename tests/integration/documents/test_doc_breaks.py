"""Where pages break, read back from the PDF: table rows stay whole, the closing keeps company
with the last paragraph, a 版记 alone on its page says （此页无正文）; and what the bulletins
print around those breaks: tied ranks (并列), a supervision's notes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.integration.documents.docsamples import (
    ISSUED_ON,
    ledger_source,
    office,
    round_source,
    supervision_source,
)
from tests.support.pdf import Page, document_text, normalise, read_pdf
from tongnan.domain.common.errors import Invalid
from tongnan.domain.documents import rectification_ledger, supervision_bulletin
from tongnan.domain.documents.progress_bulletin import rank_units
from tongnan.server.documents.render import render_pdf


def _pages_with(pages: list[Page], text: str) -> list[int]:
    return [p.number for p in pages if normalise(text) in normalise(p.text.replace("\n", ""))]


def test_ledger_rows_are_never_split_between_pages() -> None:
    base = ledger_source(rows=1).items[0]
    items = tuple(
        dataclasses.replace(
            base,
            description=f"问题{k:02d}起：部分脱贫户收入监测数据与实际不符",
            measures="逐户核实收入数据并更正，建立收入监测数据比对机制。" * 3 + f"措施{k:02d}止",
        )
        for k in range(1, 10)
    )
    src = dataclasses.replace(ledger_source(rows=1), items=items)
    doc = rectification_ledger.build_rectification_ledger(
        src, number="潼巩固专办发〔2025〕4号", issued_on=ISSUED_ON, office=office()
    )
    pages = read_pdf(render_pdf(rectification_ledger.TEMPLATE, {"doc": doc}))
    assert len(pages) >= 3  # tall rows: several page breaks to place
    for k in range(1, 10):
        first, last = _pages_with(pages, f"问题{k:02d}起"), _pages_with(pages, f"措施{k:02d}止")
        assert len(first) == 1 and first == last, f"row {k} runs over pages {first} and {last}"


def test_the_closing_keeps_the_last_paragraph_with_it(urge_pages: list[Page]) -> None:
    [page] = [p for p in urge_pages if "特此通知" in p.text]
    lines = [normalise(ln.text) for ln in page.lines(page.body_chars())]
    closing = lines.index("特此通知。")
    assert closing >= 2, f"特此通知 opens page {page.number} with nothing of the text before it"
    assert "2025年7月12日" in lines[closing:]  # the signature and date on the same page


def test_an_imprint_alone_on_the_last_page_says_the_page_has_no_text(
    supervision_pages: list[Page],
) -> None:
    *body, last = supervision_pages
    lines = [normalise(ln.text) for ln in last.lines(last.body_chars())]
    assert lines[0] == normalise("（此页无正文）")
    assert normalise("2025年7月12日印发") in "".join(lines[1:])  # then only the 版记
    assert "2025年7月12日" in [normalise(ln.text) for ln in body[-1].lines()]  # the date before
    assert all("此页无正文" not in p.text for p in body)


def test_tied_units_print_as_equal_ranks(progress_pages: list[Page]) -> None:
    ranked = rank_units(round_source().units)
    tied = [(place, unit) for place, unit in ranked if place.tied]
    assert len(tied) >= 2
    text = document_text(progress_pages)
    for place, unit in ranked:
        assert normalise(f"{place.label}{unit.name}") in text
    assert normalise(f"并列第1{ranked[1][1].name}") in text


def test_a_supervisions_notes_close_its_basic_facts() -> None:
    src = dataclasses.replace(
        supervision_source(),
        notes="督查组还走访了3户脱贫户\n 双江镇（1户）已当场整改。",
        ends_on=dt.date(2025, 6, 27),
    )
    doc = supervision_bulletin.build_supervision_bulletin(
        src, number="潼巩固专办发〔2025〕3号", issued_on=ISSUED_ON, office=office()
    )
    basic, found, required = doc.parts
    assert basic.heading == "一、督查基本情况"
    notes = "其他情况：督查组还走访了3户脱贫户；双江镇（1户）已当场整改。"
    assert basic.paragraphs[-1].text == notes
    assert all("走访" not in p.text for p in (*found.paragraphs, *required.paragraphs))
    quiet = supervision_bulletin.build_supervision_bulletin(
        supervision_source(), number="潼巩固专办发〔2025〕3号", issued_on=ISSUED_ON, office=office()
    )
    assert all("其他情况" not in p.text for p in quiet.parts[0].paragraphs)


def test_a_supervision_without_an_end_date_is_reported_from_its_first_day() -> None:
    july = dt.date(2025, 7, 10)
    supervision_bulletin.require_finished(july, None, july)  # on its first day: allowed
    with pytest.raises(Invalid) as raised:
        supervision_bulletin.require_finished(july, None, dt.date(2025, 7, 9))
    assert raised.value.message.startswith("督查尚未结束（督查2025年7月10日开始）")
