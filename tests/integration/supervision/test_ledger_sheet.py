"""The ledger as an .xlsx sheet: filtered export with 编号, formula escaping, import row by row,
and the limits on an uploaded sheet (checked before its cells are read)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.integration.supervision.seed import NOW, OFFICE, SUPERVISOR, import_seed, reporter
from tests.support.crafted_xlsx import SHEET, rewrite, with_dimension
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Forbidden, Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.models import Finding, RectificationItem, Unit
from tongnan.domain.models.supervision import FindingSource, RectificationStatus
from tongnan.domain.supervision.findings import FindingDraft, create_finding
from tongnan.domain.supervision.ledger import LedgerFilter, load_ledger
from tongnan.domain.supervision.ledger_common import Person
from tongnan.domain.supervision.ledger_files import export_ledger, import_ledger
from tongnan.domain.supervision.ledger_xlsx import EXPORT_ONLY, HEADERS
from tongnan.domain.supervision.rectification import ItemDraft, record_progress
from tongnan.domain.supervision.sheet_limits import SheetLimits, SheetTooLarge

DIMENSION = re.compile(r"<dimension [^>]*>")
HOSTILE = '=HYPERLINK("http://evil.example","点击")'


async def _ledger() -> None:
    await import_seed()
    await create_finding(
        OFFICE,
        FindingDraft(
            description=HOSTILE,
            source=FindingSource.ASSESSMENT,
            found_on=dt.date(2025, 6, 1),
            items=(
                ItemDraft("+逐户核查", dt.date(2025, 9, 30), "双江镇", (Person("张三", "镇长"),)),
                ItemDraft("@完善台账", dt.date(2025, 9, 30), "花岩镇"),
            ),
        ),
        NOW,
    )
    await create_finding(
        OFFICE,
        FindingDraft(
            description="产业项目联农带农不足",
            source=FindingSource.OTHER,
            source_detail="区审计局审计",
            found_on=dt.date(2025, 6, 1),
            items=(ItemDraft("完善利益联结机制", dt.date(2025, 8, 31), "区农业农村委"),),
        ),
        NOW,
    )
    town = await reporter("双江镇")
    first = await RectificationItem.filter(measures="+逐户核查").first()
    assert first is not None
    await record_progress(town, first.id, 1, dt.date(2025, 6, 30), "-已核查30户", NOW)


async def _export(flt: LedgerFilter | None = None) -> tuple[bytes, list[list[Any]]]:
    plan = await current_plan()
    file = await export_ledger(await load_ledger(plan.id, flt), dt.date(2025, 7, 1))
    sheet = load_workbook(io.BytesIO(file.content)).active
    assert sheet is not None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no formulas
    return file.content, [list(r) for r in sheet.iter_rows(values_only=True)]


async def test_export_escapes_formulas_and_filters(db: DatabaseUrl) -> None:
    await _ledger()
    _, rows = await _export()
    first = await RectificationItem.get(measures="+逐户核查")
    assert rows[0] == [*HEADERS, *EXPORT_ONLY]
    assert rows[1] == [
        1,
        first.id,
        "中市考核评估",
        "'" + HOSTILE,
        "'+逐户核查",
        "双江镇",
        "张三(镇长)",
        dt.datetime(2025, 9, 30),
        "'-已核查30户",
        "整改中",
        0,  # 佐证材料: no files yet
    ]
    assert [r[5] for r in rows[1:]] == ["双江镇", "花岩镇", "区农业农村委"]
    assert rows[3][2] == "其他：区审计局审计" and rows[2][4] == "'@完善台账"
    assert len({r[1] for r in rows[1:]}) == 3  # every item its own 编号

    unit = await Unit.get(name="花岩镇")
    _, only_unit = await _export(LedgerFilter(unit_id=unit.id))
    assert [r[5] for r in only_unit[1:]] == ["花岩镇"]
    _, only_source = await _export(LedgerFilter(source=FindingSource.OTHER))
    assert [r[2] for r in only_source[1:]] == ["其他：区审计局审计"]
    _, only_status = await _export(LedgerFilter(status=RectificationStatus.IN_PROGRESS))
    assert [r[0] for r in only_status[1:]] == [1]
    _, none = await _export(LedgerFilter(source=FindingSource.INSPECTION))
    assert none == [[*HEADERS, *EXPORT_ONLY]]


async def test_an_exported_sheet_imported_back_changes_nothing(db: DatabaseUrl) -> None:
    """Once this re-created every row as a new item (3 items became 6)."""
    await _ledger()
    content, _ = await _export()
    before = await RectificationItem.all().count()
    versions = dict(await RectificationItem.all().values_list("id", "version"))
    result = await import_ledger(OFFICE, content, NOW, import_good_rows=True)
    assert (result.refused, result.errors, result.items, result.findings) == (False, [], [], 0)
    assert await RectificationItem.all().count() == before
    assert await Finding.all().count() == 2
    assert dict(await RectificationItem.all().values_list("id", "version")) == versions


def _sheet(*rows: list[object], headers: tuple[str, ...] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["潼南区问题整改台账"])  # a title row above the header is fine
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD: list[object] = [
    1,
    None,
    "市委巡视反馈",
    "问题",
    "措施",
    "双江镇",
    "张三(镇长)",
    dt.date(2025, 9, 30),
    "",
    "待整改",
]


async def test_every_bad_cell_is_reported_and_nothing_is_imported(db: DatabaseUrl) -> None:
    await import_seed()
    content = _sheet(
        GOOD,
        [2, None, "市委巡视反馈", "问题", "", "不存在镇", "", "2025-13-01", "", "已办"],
        [],  # blank rows are skipped
        [3, None, "", "", "措施", "各镇街", "", "2025年9月30日"],
    )
    result = await import_ledger(OFFICE, content, NOW)
    assert result.refused and result.items == []
    assert [(e.row, e.column, e.letter) for e in result.errors] == [
        (4, "整改措施", "E"),
        (4, "责任单位", "F"),
        (4, "整改时限", "H"),
        (4, "状态", "J"),
        (6, "问题来源", "C"),
        (6, "问题描述", "D"),
        (6, "责任单位", "F"),
    ]
    assert str(result.errors[1]) == "第4行“责任单位”（F列）：没有名为“不存在镇”的单位"
    assert await RectificationItem.all().count() == 0

    good_only = await import_ledger(OFFICE, content, NOW, import_good_rows=True)
    assert (good_only.refused, len(good_only.items)) == (False, 1)
    assert sorted({e.row for e in good_only.errors}) == [4, 6]
    assert await RectificationItem.all().count() == 1


async def test_sheets_that_cannot_be_read(db: DatabaseUrl) -> None:
    await import_seed()
    with pytest.raises(Invalid, match=r"不是能读取的 .xlsx 工作簿"):
        await import_ledger(OFFICE, b"not a workbook", NOW)
    with pytest.raises(Invalid, match="第2行：缺少列：整改时限"):
        await import_ledger(OFFICE, _sheet(GOOD, headers=HEADERS[:7]), NOW)
    with pytest.raises(Invalid, match="没有可导入的行"):
        await import_ledger(OFFICE, _sheet(), NOW)
    with pytest.raises(Forbidden):
        await import_ledger(SUPERVISOR, _sheet(GOOD), NOW)


async def test_a_new_row_marked_verified_is_refused(db: DatabaseUrl) -> None:
    """Once such a row came in VERIFIED "before import", skipping the office's check."""
    await import_seed()
    row = [*GOOD[:8], "已整改到位", "已销号"]
    result = await import_ledger(OFFICE, _sheet(row), NOW, import_good_rows=True)
    assert result.refused and result.items == []
    assert "销号须由专班办公室核查" in result.errors[0].message
    assert await RectificationItem.all().count() == 0


async def test_a_forged_dimension_is_refused_before_the_cells_are_read(db: DatabaseUrl) -> None:
    """A few real rows, a sheet that claims 100 columns, 20,000 rows or every column:
    refused from the declaration, never padded out to what it claims."""
    await import_seed()
    for ref, words in (("A1:CV200", "100 列"), ("A1:I20000", "10000 行"), ("A1:XFD3", "16384 列")):
        with pytest.raises(SheetTooLarge, match=words):
            await import_ledger(OFFICE, with_dimension(_sheet(GOOD), ref), NOW)
    assert await RectificationItem.all().count() == 0


async def test_a_sheet_that_understates_its_size_is_still_bounded(db: DatabaseUrl) -> None:
    await import_seed()
    rows = [[n, None, GOOD[2], f"问题{n}", *GOOD[4:]] for n in range(1, 31)]  # no repeats
    understated = with_dimension(_sheet(*rows), "A1:I3")
    with pytest.raises(SheetTooLarge, match="超过 20 行"):
        await import_ledger(OFFICE, understated, NOW, limits=SheetLimits(max_rows=20))
    with pytest.raises(SheetTooLarge, match="超过 100 个单元格"):
        await import_ledger(OFFICE, understated, NOW, limits=SheetLimits(max_cells=100))
    with pytest.raises(SheetTooLarge, match="解压后"):
        await import_ledger(OFFICE, understated, NOW, limits=SheetLimits(max_unpacked_bytes=2000))
    undeclared = rewrite(_sheet([*GOOD, *["x"] * 31]), SHEET, lambda xml: DIMENSION.sub("", xml))
    with pytest.raises(SheetTooLarge, match="41 列"):
        await import_ledger(OFFICE, undeclared, NOW)
    assert await RectificationItem.all().count() == 0
    assert len((await import_ledger(OFFICE, understated, NOW)).items) == 30


async def test_only_the_first_row_errors_are_listed_with_a_count(db: DatabaseUrl) -> None:
    await import_seed()
    bad: list[list[object]] = [
        [n, None, "市委巡视反馈", "问题", "措施", "不存在镇", "", "2025-13-01"] for n in range(40)
    ]
    result = await import_ledger(OFFICE, _sheet(*bad), NOW, limits=SheetLimits(max_errors=7))
    assert result.refused and len(result.errors) == 7 and result.error_count == 80
    assert [e.row for e in result.errors] == [3, 3, 4, 4, 5, 5, 6]
