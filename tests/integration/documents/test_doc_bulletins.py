"""The progress and supervision bulletins read back from the PDF: GB/T 9704 parts and geometry,
the landscape task table with its header on every page, the ranking and its bar chart."""

from __future__ import annotations

import dataclasses

import pytest

from tests.integration.documents.docsamples import office, round_source
from tests.support.pdf import (
    A4,
    CHAR,
    RED,
    Page,
    colour,
    document_text,
    normalise,
    rules,
)
from tongnan.domain.documents.chart import percent
from tongnan.domain.documents.progress_bulletin import (
    TEMPLATE,
    build_progress_bulletin,
    rank_units,
)
from tongnan.server.documents.render import render_html

TOL = 0.6
TASK_HEADER = "序号任务牵头单位应报已报通过退回汇总进展指标完成情况预警"
RANK_HEADER = "排名单位应报按时报送逾期报送未报送按时报送率"


@pytest.fixture(params=["progress", "supervision"])
def bulletin(
    request: pytest.FixtureRequest, progress_pages: list[Page], supervision_pages: list[Page]
) -> list[Page]:
    pages: list[Page] = progress_pages if request.param == "progress" else supervision_pages
    return pages


def test_glyphs_stay_in_the_type_area_and_pages_are_numbered(bulletin: list[Page]) -> None:
    for page in bulletin:
        assert {round(page.width), round(page.height)} == {round(A4[0]), round(A4[1])}
        area = page.area()
        for c in page.body_chars():
            assert area.left - TOL <= float(c["x0"]) and float(c["x1"]) <= area.right + TOL
            assert area.top - TOL <= float(c["top"]) and float(c["bottom"]) <= area.bottom + TOL
        [folio] = page.lines(page.folio_chars())
        assert folio.text == f"—{page.number}—"
        if page.number % 2:
            assert abs(folio.x1 - (area.right - 14)) < 1.5
        else:
            assert abs(folio.x0 - (area.left + 14)) < 1.5


def test_red_header_number_and_title(bulletin: list[Page]) -> None:
    first = bulletin[0]
    area = first.area()
    lines = first.lines()
    mark = [ln for ln in lines if all(colour(c["non_stroking_color"]) == RED for c in ln.chars)]
    assert normalise("".join(ln.text for ln in mark)).startswith("中共重庆市潼南区委")
    assert all(abs((ln.x0 + ln.x1) / 2 - area.centre) < 1 for ln in mark)
    number = next(ln for ln in lines if "〔2025〕" in ln.text)
    assert number.text in ("潼巩固专办发〔2025〕2号", "潼巩固专办发〔2025〕3号")
    assert abs((number.x0 + number.x1) / 2 - area.centre) < 1
    [rule] = [r for r in rules(first) if r.colour == RED]
    assert abs(rule.x0 - area.left) < TOL and abs(rule.x1 - area.right) < TOL
    title = [ln for ln in lines if abs(float(ln.chars[0]["size"]) - 22) < 0.1]
    assert normalise("".join(ln.text for ln in title)).endswith("情况的通报")
    assert all(abs((ln.x0 + ln.x1) / 2 - area.centre) < 1 for ln in title)
    addressees = next(ln for ln in lines if ln.top > title[-1].bottom)
    assert abs(addressees.x0 - area.left) < TOL  # 主送 flush left


def test_parts_in_hei_and_the_closing(bulletin: list[Page]) -> None:
    lines = [ln for p in bulletin for ln in p.lines()]
    headings = [ln for ln in lines if ln.text[:2] in ("一、", "二、", "三、")]
    assert [ln.text[:2] for ln in headings] == ["一、", "二、", "三、"]
    for heading in headings:
        assert all("Sans" in c["fontname"] for c in heading.chars)
    closing = next(p for p in bulletin if any(ln.text == "2025年7月12日" for ln in p.lines()))
    date = next(ln for ln in closing.lines() if ln.text == "2025年7月12日")
    assert abs(date.x1 - (closing.area().right - 4 * CHAR)) < 1.0
    last = bulletin[-1]
    imprint = [r for r in rules(last) if r.x1 - r.x0 > last.area().right - last.area().left - 1]
    assert len(imprint) == 2 and abs(imprint[-1].bottom - last.area().bottom) < 1.0
    assert "2025年7月12日印发" in last.text


def _landscape(pages: list[Page]) -> list[Page]:
    return [p for p in pages if p.landscape]


def test_the_task_table_is_landscape_with_its_header_on_every_page(
    progress_pages: list[Page],
) -> None:
    wide = _landscape(progress_pages)
    assert len(wide) >= 2
    first_wide = progress_pages.index(wide[0])
    assert all(p.landscape for p in progress_pages[first_wide : first_wide + len(wide)])
    assert wide[0].lines()[0].text == "附件1"
    for page in wide:
        lines = page.lines(page.body_chars())
        header = next(ln for ln in lines if normalise(ln.text) == TASK_HEADER)
        assert all(ln.bottom < header.top for ln in lines[: lines.index(header)])
    text = document_text(wide)  # cells wrap: labels in order, not whole titles
    at = -1
    for label in ["(一)", "(二)", "(十)", "(十一)", "(二十)", "(二十二)"]:
        at = text.index(label, at + 1)
    assert text.count("红色") + text.count("黄色") + text.count("绿色") == 22


def test_the_ranking_and_its_bar_chart(progress_pages: list[Page]) -> None:
    chart_page = next(p for p in progress_pages if p.lines() and p.lines()[0].text == "附件2")
    assert not chart_page.landscape
    ranked = rank_units(round_source().units)
    bars = [r for r in chart_page.rects if r["fill"] and float(r["height"]) < 10]
    bars.sort(key=lambda r: float(r["top"]))
    drawn = [u for _, u in ranked if u.rate > 0]
    assert len(bars) == len(drawn)
    full = max(float(r["width"]) for r in bars)
    for bar, unit in zip(bars, drawn, strict=True):
        assert abs(float(bar["width"]) / full - unit.rate) < 0.01
        assert float(bar["x0"]) > chart_page.area().left + 10  # labels on the left of the bars
    labels = [ln for ln in chart_page.lines() if ln.chars[0]["size"] < 10]
    first_label = labels[0].text
    assert first_label.startswith(ranked[0][1].name) and percent(ranked[0][1].rate) in first_label
    text = document_text(progress_pages[progress_pages.index(chart_page) :])
    assert RANK_HEADER in text
    for place, unit in ranked:
        assert normalise(f"{place.label}{unit.name}{unit.owed}") in text


def test_markup_in_names_and_summaries_is_printed_as_text() -> None:
    src = round_source(units=3)
    hostile = "区民政局<tspan>x</tspan>"
    units = (dataclasses.replace(src.units[0], name=hostile), *src.units[1:])
    task = dataclasses.replace(src.tasks[0], consolidated=((hostile, "<b>进展</b>"),))
    src = dataclasses.replace(src, units=units, tasks=(task, *src.tasks[1:]))
    doc = build_progress_bulletin(src, number="x〔2025〕1号", issued_on=src.as_of, office=office())
    html = render_html(TEMPLATE, {"doc": doc})
    assert "<tspan>" not in html and "<b>" not in html
    assert "&lt;tspan&gt;x&lt;/tspan&gt;" in html and "&lt;b&gt;进展&lt;/b&gt;" in html


def test_supervision_findings_by_source_with_kai_leads(supervision_pages: list[Page]) -> None:
    lines = [ln for p in supervision_pages for ln in p.lines()]
    leads = [ln for ln in lines if ln.text.startswith("（一）") or ln.text.startswith("（二）")]
    assert [normalise(ln.text) for ln in leads] == [
        "(一)区级专项督查发现的问题。",
        "(二)市委巡视反馈发现的问题。",
    ]
    assert all("UKai" in c["fontname"] for ln in leads for c in ln.chars)
    text = document_text(supervision_pages)
    assert normalise("2025年6月20日至2025年6月27日，由督查组（组长：王督查；成员：李明）") in text
    assert normalise("随机抽查暗访") in text and normalise("随机种子：潼南-2025-抽查-8") in text
    assert normalise("1.双江镇：逐户核实收入数据并更正。责任人：张三（副镇长）；") in text
    assert normalise("整改时限：2025年7月31日前。") in text
