"""The rectification ledger (整改台账): landscape pages, its nine-column header on every page."""

from __future__ import annotations

import datetime as dt

from tests.integration.documents.docsamples import ledger_example, ledger_source, office
from tests.support.pdf import A4, Page, document_text, normalise
from tongnan.domain.documents.rectification_ledger import (
    HEADER,
    LedgerSource,
    build_rectification_ledger,
)

TOL = 0.6


def test_every_page_is_landscape_and_numbered(ledger_pages: list[Page]) -> None:
    assert len(ledger_pages) >= 3
    for page in ledger_pages:
        assert abs(page.width - A4[1]) < 1 and abs(page.height - A4[0]) < 1
        area = page.area()
        for c in page.body_chars():
            assert area.left - TOL <= float(c["x0"]) and float(c["x1"]) <= area.right + TOL
            assert area.top - TOL <= float(c["top"]) and float(c["bottom"]) <= area.bottom + TOL
        assert "".join(c["text"] for c in page.folio_chars()) == f"—{page.number}—"


def test_the_header_row_repeats_at_the_top_of_every_page(ledger_pages: list[Page]) -> None:
    for page in ledger_pages:
        lines = page.lines(page.body_chars())
        header = next(ln for ln in lines if normalise(ln.text) == "".join(HEADER))
        above = lines[: lines.index(header)]
        if page.number == 1:
            assert normalise(above[0].text) == "重庆市潼南区2025年巩固拓展脱贫攻坚成果问题整改台账"
            assert normalise(above[1].text) == normalise("潼巩固专办发〔2025〕4号截至2025年7月12日")
            assert abs(float(above[0].chars[0]["size"]) - 22) < 0.1
        else:
            assert above == [], f"page {page.number}: {[ln.text for ln in above]}"
        cells = [c for c in header.chars if c["text"].strip()]
        assert all("Sans" in c["fontname"] for c in cells)


def test_every_item_is_a_row_in_order(ledger_pages: list[Page]) -> None:
    text = document_text(ledger_pages)
    at = -1
    for k in range(1, 25):
        at = text.index(f"第{k}个问题", at + 1)
    overdue = sum(1 for item in ledger_source().items if item.days_overdue)
    summary = f"共24项：已销号6项、已完成6项、整改中6项、待整改6项；逾期{overdue}项"
    assert overdue and text.endswith(normalise(summary))


def test_values() -> None:
    ledger = ledger_example(rows=4)
    first = ledger.rows[0]
    assert (first.number, first.source, first.deadline, first.progress, first.status) == (
        1,
        "中市考核评估",
        "2025年6月10日",
        "—",
        "待整改",
    )
    second = ledger.rows[1]
    assert second.progress == "已完成入户核实32户（7月5日）"
    assert second.status == "整改中（逾期3天）" and second.overdue
    assert (
        "".join(ledger.header) == "序号问题来源问题描述整改措施责任单位责任人整改时限整改进展状态"
    )
    empty = LedgerSource(scope="2025年6月随机抽查暗访", as_of=dt.date(2025, 7, 1), items=())
    nothing = build_rectification_ledger(
        empty, number="x〔2025〕1号", issued_on=dt.date(2025, 7, 1), office=office()
    )
    assert nothing.title == "2025年6月随机抽查暗访发现问题整改台账"
    assert nothing.rows == () and nothing.summary == "共0项"
    assert len(ledger_source(3).items) == 3
