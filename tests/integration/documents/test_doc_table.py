"""The responsibility division table: landscape pages, the header row on every page."""

from __future__ import annotations

from tests.support.pdf import A4, Page, normalise
from tongnan.domain.documents.division_table import build_division_table
from tongnan.domain.documents.plan_source import PlanSource

HEADER = "序号任务牵头单位责任单位完成时限"


def test_every_page_is_a4_landscape(table_pages: list[Page]) -> None:
    assert len(table_pages) >= 2
    for page in table_pages:
        assert abs(page.width - A4[1]) < 1 and abs(page.height - A4[0]) < 1


def test_the_header_row_repeats_at_the_top_of_every_page(table_pages: list[Page]) -> None:
    for page in table_pages:
        lines = page.lines(page.body_chars())
        header = next(line for line in lines if normalise(line.text) == HEADER)
        above = [line for line in lines if line.bottom < header.top]
        assert all("责任分工表" in line.text for line in above), f"page {page.number}"


def test_rows_hold_every_task_in_order_and_fit_the_type_area(table_pages: list[Page]) -> None:
    text = "".join(normalise(p.text) for p in table_pages)
    at = -1
    for label in ["(一)", "(二)", "(十)", "(十一)", "(二十)", "(二十二)"]:
        found = text.index(label)
        assert found > at
        at = found
    assert text.count("全年") == 22
    for page in table_pages:
        area, tol = page.area(), 0.6
        for c in page.body_chars():
            assert area.left - tol <= float(c["x0"]) and float(c["x1"]) <= area.right + tol
            assert area.top - tol <= float(c["top"]) and float(c["bottom"]) <= area.bottom + tol
        folio = "".join(c["text"] for c in page.folio_chars())
        assert folio == f"—{page.number}—"


def test_a_section_band_never_ends_a_page(table_pages: list[Page]) -> None:
    for page in table_pages:
        lines = page.lines(page.body_chars())
        assert not lines[-1].text[:2].endswith("、"), f"page {page.number}: {lines[-1].text}"


def test_table_values(seed_source: PlanSource) -> None:
    table = build_division_table(seed_source)
    assert table.title == "重庆市潼南区2025年巩固拓展脱贫攻坚成果工作要点责任分工表"
    assert [len(s.rows) for s in table.sections] == [3, 3, 3, 2, 2, 3, 6]
    first = table.sections[0].rows[0]
    assert (first.task, first.leads, first.due) == (
        "（一）用好“渝悦·防贫”应用",
        "区农业农村委",
        "全年",
    )
    assert first.responsible == "区巩固拓展脱贫攻坚成果专班成员单位、各镇街"
