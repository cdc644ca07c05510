"""The urge notice (催办通知): plain inputs in, a notice with its 附件 out."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.documents.docsamples import urge_example
from tests.support.pdf import (
    MM,
    RED,
    Page,
    colour,
    document_text,
    normalise,
    read_pdf,
    rules,
)
from tongnan.domain.documents import urge_notice
from tongnan.server.documents.render import render_html, render_pdf


def test_values_from_plain_inputs() -> None:
    notice = urge_example()
    assert notice.header.number == "潼巩固专办发〔2025〕5号"
    assert notice.letter.addressees == "区人力社保局："
    assert notice.letter.date == "2025年7月12日"
    assert notice.letter.attachments == ("逾期工作任务清单",)
    assert [(r.number, r.text, r.due, r.overdue) for r in notice.rows] == [
        (1, "（七）稳定务工规模", "2025年6月30日", "12天"),
        (2, "（八）提升就业质量", "2025年6月30日", "5天"),
        (3, "（九）强化保障服务", "2025年6月30日", "1天"),
    ]
    assert "3项工作任务已超过完成时限" in notice.letter.paragraphs[0]
    assert notice.imprint is not None and notice.imprint.printed_on == "2025年7月12日印发"
    assert notice.imprint.cc == "区委办公室、区政府办公室。"


def test_an_urge_notice_needs_items() -> None:
    with pytest.raises(ValueError, match="至少要列出一项逾期事项"):
        urge_notice.build_urge_notice(
            unit="区民政局",
            items=[],
            issued_on=dt.date(2025, 7, 1),
            number="x〔2025〕1号",
            issuer="y",
        )


def test_rendered_notice_and_attachment(urge_pages: list[Page]) -> None:
    first, last = urge_pages[0], urge_pages[-1]
    mark = [c for c in first.chars if colour(c["non_stroking_color"]) == RED]
    assert normalise("".join(c["text"] for c in mark)).startswith("中共重庆市潼南区委")
    lines = first.lines()
    addressees = next(line for line in lines if line.text.endswith("："))
    assert addressees.text == "区人力社保局：" and abs(addressees.x0 - first.area().left) < 0.6
    text = document_text(urge_pages)
    assert normalise("附件:逾期工作任务清单") in text
    closing = next(p for p in urge_pages if "2025年7月12日" in [ln.text for ln in p.lines()])
    assert "特此通知。" in [ln.text for ln in closing.lines()[2:]]  # with lines of text before it
    # the attachment: its own page, "附件" on the first line, then the list
    assert last.lines()[0].text == "附件"
    assert "(七)稳定务工规模" in normalise(last.text) and "12天" in last.text
    assert document_text([last]).endswith(
        normalise("抄送：区委办公室、区政府办公室。")
        + "中共重庆市潼南区委巩固拓展脱贫攻坚成果工作专班办公室2025年7月12日印发"
    )


def test_imprint_with_cc_has_three_rules(urge_pages: list[Page]) -> None:
    last = urge_pages[-1]
    area = last.area()
    found = rules(last, min_width=area.right - area.left - 1)
    assert [round((r.bottom - r.top) / MM, 2) for r in found] == [0.35, 0.25, 0.35]
    assert abs(found[-1].bottom - area.bottom) < 1.0
    cc = next(line for line in last.lines() if line.text.startswith("抄送"))
    foot = last.height - float(cc.chars[0]["matrix"][5]) + 0.12 * 14  # em box: baseline + 0.12
    assert found[0].bottom < cc.top and foot < found[1].top
    assert abs(cc.x0 - (area.left + 14)) < 1.0  # one character in


def test_markup_in_inputs_is_printed_as_text() -> None:
    hostile = "区民政局<script>alert(1)</script>"
    notice = urge_example(unit=hostile)
    html = render_html(urge_notice.TEMPLATE, {"doc": notice})
    assert "<script>" not in html and "&lt;script&gt;" in html
    pages = read_pdf(render_pdf(urge_notice.TEMPLATE, {"doc": notice}))
    assert normalise(hostile + "：") in document_text(pages)
