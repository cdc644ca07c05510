"""The ledger's Excel round trip: export, edit in a spreadsheet, preview, apply with the token.

Rows with a 编号 update their item, rows without one create items, repeats and typos are
refused with reasons; a sheet cannot verify (销号); a voided item (作废) is kept, struck through
and out of the rates.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.integration.documents.docsamples import office
from tests.integration.supervision.seed import NOW, OFFICE, finding, import_seed, item, reporter
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Forbidden
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.documents.rectification_ledger import (
    TEMPLATE,
    build_rectification_ledger,
    load_ledger_source,
)
from tongnan.domain.models import AuditEvent, Finding, RectificationItem, Unit
from tongnan.domain.models.supervision import FindingSource, RectificationStatus
from tongnan.domain.plans.plan_view import derived_members
from tongnan.domain.rules.ledger import tally
from tongnan.domain.supervision.findings import create_finding
from tongnan.domain.supervision.ledger import load_ledger
from tongnan.domain.supervision.ledger_files import export_ledger
from tongnan.domain.supervision.ledger_import import apply_import, preview_import
from tongnan.domain.supervision.ledger_import_plan import Outcome
from tongnan.domain.supervision.rectification import record_progress, void_item
from tongnan.server.documents.render import render_html

S = RectificationStatus
TODAY = dt.date(2025, 7, 1)


async def _three_items() -> list[RectificationItem]:
    """Two towns' items on one finding, and one of a lead unit on another: 3 items."""
    await import_seed()
    await create_finding(
        OFFICE,
        finding(item("双江镇", dt.date(2025, 9, 30)), item("柏梓镇", dt.date(2025, 9, 30))),
        NOW,
    )
    await create_finding(
        OFFICE,
        finding(
            item("区农业农村委", dt.date(2025, 8, 31), "完善利益联结机制"),
            source=FindingSource.OTHER,
            source_detail="区审计局审计",
            description="产业项目联农带农不足",
        ),
        NOW,
    )
    return list(await RectificationItem.all().order_by("id"))


async def _export() -> bytes:
    plan = await current_plan()
    return (await export_ledger(await load_ledger(plan.id), TODAY)).content


def _edited(content: bytes, *new_rows: list[object], **progress: str) -> bytes:
    """The sheet with ``progress`` written on the rows of those units, and rows appended."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        unit = row[header.index("责任单位")].value
        if unit in progress:
            row[header.index("整改进展")].value = progress[str(unit)]
    for values in new_rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


NEW_ROW: list[object] = [
    None,
    None,
    "其他：区审计局审计",
    "产业项目联农带农不足",
    "建立联农带农台账",
    "区财政局",
    "王五(副局长)",
    dt.date(2025, 6, 20),
    "已完成摸底",
    "进行中",
]
TYPO_ROW: list[object] = [
    None,
    None,
    "区级专项督查",
    "部分脱贫户收入监测数据不准确",
    "逐户核实收入",
    "柏子镇",
    "",
    dt.date(2025, 9, 30),
    "",
    "待整改",
]


async def test_export_edit_preview_apply_creates_one_updates_one_refuses_one(
    db: DatabaseUrl,
) -> None:
    """Once the same sheet re-created every existing row (3 items became 8) and took 已销号
    as verified; now each row is matched to its item by 编号."""
    first, second, third = await _three_items()
    sheet = _edited(await _export(), NEW_ROW, TYPO_ROW, 双江镇="已核查全部120户")
    preview = await preview_import(OFFICE, sheet, NOW)
    print(preview.text())  # the preview a clerk reads (shown with pytest -s)
    assert [(r.row, r.outcome, r.item_id) for r in preview.rows] == [
        (2, Outcome.UPDATED, first.id),
        (3, Outcome.UNCHANGED, second.id),
        (4, Outcome.UNCHANGED, third.id),
        (5, Outcome.CREATED, None),
        (6, Outcome.REFUSED, None),
    ]
    updated, created, refused = preview.rows[0], preview.rows[3], preview.rows[4]
    assert [str(c) for c in updated.changes] == [
        "整改进展：“（空）”→“已核查全部120户”",
        "状态：“待整改”→“整改中”",
    ]
    assert "“进行中”按“整改中”理解" in created.notes
    assert "整改时限2025-06-20已过（逾期11天）" in created.notes
    assert [e.message for e in refused.reasons] == ["没有名为“柏子镇”的单位，是否为“柏梓镇”？"]
    assert preview.summary == "共5行：新建1行、更新1行、无变化2行、不予导入1行"
    assert preview.text().splitlines()[1] == (
        f"第2行（编号{first.id}）：更新 — 整改进展：“（空）”→“已核查全部120户”；"
        "状态：“待整改”→“整改中”（提示：已填写整改进展，状态按“整改中”记）"
    )
    assert await RectificationItem.all().count() == 3  # a preview writes nothing

    applied = await apply_import(OFFICE, sheet, preview.token, NOW)
    assert (len(applied.created), len(applied.updated), applied.findings_created) == (1, 1, 0)
    assert await RectificationItem.all().count() == 4
    assert await Finding.all().count() == 2  # the new row joined its existing finding
    row = await RectificationItem.get(id=first.id)
    assert (row.latest_progress, row.status, row.version) == ("已核查全部120户", S.IN_PROGRESS, 2)
    new = applied.created[0]
    assert (new.finding_id, new.status, new.responsible_persons) == (
        third.finding_id,
        S.IN_PROGRESS,
        [{"name": "王五", "post": "副局长"}],
    )
    assert await AuditEvent.filter(action="rectification.imported").count() == 1
    assert await AuditEvent.filter(action="rectification.import_updated").count() == 1

    # the same sheet again: the new row is now a repeat, the update is done
    again = await preview_import(OFFICE, sheet, NOW)
    assert [r.outcome for r in again.rows] == [
        Outcome.UNCHANGED,  # its 待整改 is older than the item's 整改中: said, not applied
        Outcome.UNCHANGED,
        Outcome.UNCHANGED,
        Outcome.REFUSED,
        Outcome.REFUSED,
    ]
    assert f"与台账中编号{new.id}的事项重复" in again.rows[3].reasons[0].message
    await apply_import(OFFICE, sheet, again.token, NOW)
    assert await RectificationItem.all().count() == 4


async def test_an_untouched_export_imports_as_all_unchanged(db: DatabaseUrl) -> None:
    await _three_items()
    town = await reporter("柏梓镇")
    second = await RectificationItem.get(responsible_unit__name="柏梓镇")
    await record_progress(town, second.id, 1, TODAY, "已排查", NOW, complete=True)
    content = await _export()
    preview = await preview_import(OFFICE, content, NOW)
    assert {r.outcome for r in preview.rows} == {Outcome.UNCHANGED}
    assert preview.summary == "共3行：无变化3行"
    versions = dict(await RectificationItem.all().values_list("id", "version"))
    applied = await apply_import(OFFICE, content, preview.token, NOW)
    assert (applied.created, applied.updated) == ([], [])
    assert dict(await RectificationItem.all().values_list("id", "version")) == versions


async def test_a_sheet_or_ledger_changed_after_the_preview_is_refused(db: DatabaseUrl) -> None:
    first, *_ = await _three_items()
    sheet = _edited(await _export(), 双江镇="已核查30户")
    preview = await preview_import(OFFICE, sheet, NOW)
    changed = _edited(sheet, 双江镇="已核查40户")
    with pytest.raises(Conflict, match="表格在预览之后有改动") as error:
        await apply_import(OFFICE, changed, preview.token, NOW)
    assert error.value.field == ("previewToken",)

    town = await reporter("双江镇")
    await record_progress(town, first.id, 1, TODAY, "已核查10户", NOW)
    with pytest.raises(Conflict, match="台账中相关事项已有变动"):
        await apply_import(OFFICE, sheet, preview.token, NOW)
    row = await RectificationItem.get(id=first.id)
    assert (row.latest_progress, row.version) == ("已核查10户", 2)
    with pytest.raises(Forbidden):
        await preview_import(town, sheet, NOW)


def _with_status(content: bytes, unit: str, status: str) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("责任单位")].value == unit:
            row[header.index("状态")].value = status
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_a_sheet_cannot_verify_an_item(db: DatabaseUrl) -> None:
    first, second, _ = await _three_items()
    town = await reporter("柏梓镇")
    await record_progress(town, second.id, 1, TODAY, "已排查", NOW, complete=True)
    content = await _export()
    sheet = _with_status(_with_status(content, "双江镇", "已销号"), "柏梓镇", "销号")
    preview = await preview_import(OFFICE, sheet, NOW)
    assert [r.outcome for r in preview.rows[:2]] == [Outcome.REFUSED, Outcome.REFUSED]
    assert preview.rows[0].reasons[0].message == (
        f"表格不能销号：编号{first.id}的事项现为“待整改”，销号须由专班办公室核查后在系统中办理"
    )
    assert "“销号”按“已销号”理解" in preview.rows[1].text()
    await apply_import(OFFICE, sheet, preview.token, NOW)
    statuses = [i.status for i in await RectificationItem.all().order_by("id")]
    assert statuses == [S.OPEN, S.COMPLETED, S.OPEN]
    backwards = await preview_import(OFFICE, _with_status(content, "柏梓镇", "整改中"), NOW)
    assert backwards.rows[1].outcome is Outcome.UNCHANGED  # a sheet never moves an item back
    assert backwards.rows[1].notes == ("表格中的状态“整改中”早于台账中的“已完成”，状态不作修改",)


async def test_unknown_sources_are_refused_unless_written_as_other(db: DatabaseUrl) -> None:
    await _three_items()
    row = [*NEW_ROW[:2], "区审计局审计", *NEW_ROW[3:]]
    preview = await preview_import(OFFICE, _edited(await _export(), row), NOW)
    assert preview.rows[-1].outcome is Outcome.REFUSED
    assert "其他来源请写作“其他：区审计局审计”" in preview.rows[-1].reasons[0].message


async def test_a_voided_item_is_kept_struck_through_and_out_of_the_rates(db: DatabaseUrl) -> None:
    first, second, _ = await _three_items()
    plan = await current_plan()
    town = await reporter("柏梓镇")
    await record_progress(town, second.id, 1, TODAY, "已排查", NOW, complete=True)
    before = tally((await load_ledger(plan.id)).entries(), TODAY)
    assert (before.total, before.completion_rate) == (3, 0.3333)

    with pytest.raises(Conflict):
        await void_item(OFFICE, first.id, 5, "重复录入", NOW)
    with pytest.raises(Forbidden):
        await void_item(town, first.id, 1, "重复录入", NOW)
    voided = await void_item(OFFICE, first.id, 1, "与第2项重复录入", NOW)
    assert (voided.version, voided.voided_by) == (2, "office")
    assert await RectificationItem.all().count() == 3  # kept
    voids = AuditEvent.filter(action="rectification.voided", object_id=str(first.id))
    assert await voids.count() == 1

    rows = await load_ledger(plan.id)
    after = tally(rows.entries(), TODAY)
    assert (after.total, after.completion_rate) == (2, 0.5)
    assert len(rows.lines) == 3
    units = await Unit.all()
    owners = {m.member_id for m in await derived_members(plan.id, units)}
    assert (await Unit.get(name="双江镇")).id not in owners
    with pytest.raises(Conflict, match="已作废"):
        await record_progress(await reporter("双江镇"), first.id, 2, TODAY, "继续", NOW)

    src = await load_ledger_source(plan.id, TODAY)
    doc = build_rectification_ledger(src, number="X", issued_on=TODAY, office=office())
    assert [r.voided for r in doc.rows] == [True, False, False]
    assert doc.rows[0].status == "已作废（与第2项重复录入）"
    assert doc.summary == "共2项：已完成1项、待整改1项；另已作废1项，不计入"
    html = render_html(TEMPLATE, {"doc": doc})
    assert html.count('<tr class="voided">') == 1 and "已作废（与第2项重复录入）" in html

    sheet = _edited(await _export(), 双江镇="已核查")
    preview = await preview_import(OFFICE, sheet, NOW)
    assert preview.rows[0].reasons[0].message == f"编号{first.id}的事项已作废，不能再导入修改"
