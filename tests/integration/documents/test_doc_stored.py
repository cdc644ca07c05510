"""Documents regenerated from the imported plan, on both storage backends."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.pdf import document_text, normalise, read_pdf
from tests.support.seed import SEED_TEXT, import_seed, seed_plan
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.lookup import PlanNotFound
from tongnan.domain.documents import division_table, plan_notice
from tongnan.domain.documents.plan_source import load_plan_source, plan_source_from_parsed
from tongnan.domain.models import Task, Unit
from tongnan.server.documents.catalog import UnknownDocument, render_stored_document
from tongnan.server.documents.render import render_html, render_pdf_async


def seed_document_text() -> str:
    """What the seed notice says, in the order a GB/T 9704 notice prints it.

    The seed starts with a file heading (number-title) and gives the number before the issuer;
    the printed notice has the red issuer mark first. The 代章 line is not stored, and the
    主送 names are printed joined with 、 where the seed has a comma.
    """
    lines = [line.strip() for line in SEED_TEXT.splitlines() if line.strip()]
    number, issuer, rest = lines[1], lines[2], lines[3:]
    addressees = ",".join(seed_plan().addressees) + ":"
    rest = [
        line.replace(",", "、") if line == addressees else line
        for line in rest
        if "代章" not in line
    ]
    return normalise(issuer + number + "".join(rest))


async def test_stored_plan_is_the_plan_the_notice_describes(db: DatabaseUrl) -> None:
    await import_seed()
    assert await load_plan_source() == plan_source_from_parsed(seed_plan())


async def test_plan_notice_from_stored_data_says_what_the_seed_says(db: DatabaseUrl) -> None:
    await import_seed()
    context = await plan_notice.plan_notice_context()
    pages = read_pdf(await render_pdf_async(plan_notice.TEMPLATE, context))

    text = document_text(pages)
    assert text == seed_document_text()
    at = 0
    for task in seed_plan().tasks:
        heading = normalise(task.label + task.title)
        found = text.index(heading, at)
        units = (
            f"(牵头单位:{'、'.join(task.lead_units)};责任单位:{'、'.join(task.responsible_units)})"
        )
        annotation = text.index(normalise(units), found)
        assert found > at and annotation > found
        at = annotation
    assert text.count("牵头单位") == 22


async def test_division_table_from_stored_data(db: DatabaseUrl) -> None:
    await import_seed()
    await Task.filter(number=2).update(due_date=dt.date(2025, 6, 30))
    context = await division_table.division_table_context()
    rows = [row for section in context["doc"].sections for row in section.rows]
    plan = seed_plan()

    assert [r.number for r in rows] == list(range(1, 23))
    for row, task in zip(rows, plan.tasks, strict=True):
        assert normalise(row.task) == normalise(task.label + task.title)
        assert row.leads == "、".join(task.lead_units)
        assert row.responsible == "、".join(task.responsible_units)
        assert row.due == ("2025年6月30日" if task.number == 2 else "全年")
    pages = read_pdf(await render_pdf_async(division_table.TEMPLATE, context))
    assert all(p.landscape for p in pages)
    assert "2025年6月30日" in document_text(pages)


async def test_unit_names_are_escaped_not_interpreted(db: DatabaseUrl) -> None:
    await import_seed()
    hostile = "区商务委<script>document.title</script><b>x</b>"
    await Unit.filter(name="区商务委").update(name=hostile)
    context = await division_table.division_table_context()

    html = render_html(division_table.TEMPLATE, context)
    assert "&lt;script&gt;document.title&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>" not in html
    pages = read_pdf(await render_pdf_async(division_table.TEMPLATE, context))
    assert "<script>document.title" in document_text(pages)  # a table cell: the name wraps

    notice = await plan_notice.plan_notice_context()
    notice_pages = read_pdf(await render_pdf_async(plan_notice.TEMPLATE, notice))
    assert normalise(f"(牵头单位:{hostile};责任单位:各消费帮扶责任单位)") in document_text(
        notice_pages
    )


async def test_stored_documents_by_kind(db: DatabaseUrl) -> None:
    with pytest.raises(PlanNotFound):
        await render_stored_document("plan-notice")
    await import_seed()
    with pytest.raises(UnknownDocument, match="division-table, plan-notice"):
        await render_stored_document("ledger")

    table = read_pdf(await render_stored_document("division-table", "潼巩固专办发〔2025〕1号"))
    assert all(p.landscape for p in table)
    with pytest.raises(PlanNotFound):
        await render_stored_document("division-table", "潼巩固专办发〔2025〕9号")
