"""The ledger as an Excel sheet (openpyxl): export with Chinese headers, import row by row.

Export escapes text a spreadsheet would run as a formula (= + - @ …) with a leading '. Import
reports every bad cell by row number and column, and imports nothing from a sheet with errors
unless asked to import the good rows.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.spreadsheet_text import escape_formula, unescape_formula
from tongnan.domain.common.values import UnitKind
from tongnan.domain.models import Unit
from tongnan.domain.models.supervision import STATUS_LABELS, FindingSource, RectificationStatus
from tongnan.domain.rules.sheet_values import (
    format_persons,
    parse_date,
    parse_persons,
    parse_source,
    parse_status,
)
from tongnan.domain.supervision.ledger import LedgerRows
from tongnan.domain.supervision.sheet_limits import (
    HEADER_ROWS,
    SheetLimits,
    SheetTooLarge,
    check_archive,
    check_dimension,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)

HEADERS = (
    "序号",
    "问题来源",
    "问题描述",
    "整改措施",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "状态",
)
REQUIRED = ("问题来源", "问题描述", "整改措施", "责任单位", "整改时限")
WIDTHS = (6, 16, 40, 40, 16, 20, 14, 40, 10)
SHEET_TITLE = "整改台账"
NOT_A_WORKBOOK = "这个文件不是能读取的 .xlsx 工作簿，请用表格软件另存为 .xlsx 后再导入"
log = logging.getLogger(__name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class ItemTexts:
    """The texts of an item the sheet shows besides what the ledger rows carry."""

    measures: str
    persons: list[dict[str, str]]
    progress: str | None


def ledger_workbook(
    rows: LedgerRows, texts: Mapping[int, ItemTexts], unit_names: Mapping[int, str]
) -> bytes:
    """The ledger rows as an .xlsx file, one row per item, in ledger order (pure, CPU-bound:
    call it off the event loop for a large ledger)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(rows.lines, start=1):
        finding = rows.findings[line.finding_id]
        item = texts[line.id]
        cells = [
            finding.source_name,
            finding.description,
            item.measures,
            unit_names.get(line.unit_id, ""),
            format_persons(item.persons),
        ]
        sheet.append(
            [
                number,
                *(escape_formula(t) for t in cells),
                line.deadline,
                escape_formula(item.progress or ""),
                STATUS_LABELS[line.status],
            ]
        )
        sheet.cell(row=number + 1, column=7).number_format = "yyyy-mm-dd"
        for column in (3, 4, 8):
            sheet.cell(row=number + 1, column=column).alignment = wrap
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class SheetError:
    row: int  # the spreadsheet's row number (1 = the first row)
    column: str  # the header, e.g. 责任单位 ("" for the sheet as a whole)
    letter: str  # the column letter, e.g. E
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"“{self.column}”列（{self.letter}列）" if self.column else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class SheetRow:
    row: int
    source: FindingSource
    source_detail: str | None
    description: str
    measures: str
    unit: Unit
    persons: list[dict[str, str]]
    deadline: dt.date
    progress: str
    status: RectificationStatus


@dataclass(slots=True)
class ParsedSheet:
    """The good rows, the first ``max_errors`` errors, and how many errors there were."""

    rows: list[SheetRow] = field(default_factory=list)
    errors: list[SheetError] = field(default_factory=list)
    error_count: int = 0
    bad_rows: set[int] = field(default_factory=set)
    max_errors: int = 50

    def add(self, error: SheetError) -> None:
        self.error_count += 1
        self.bad_rows.add(error.row)
        if len(self.errors) < self.max_errors:
            self.errors.append(error)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_formula(str(value).strip())


def _find_header(rows: list[tuple[object, ...]]) -> int | None:
    for index, row in enumerate(rows[:5]):
        if "问题描述" in {_text(v) for v in row}:
            return index
    return None


def _bounded_rows(sheet: object, limits: SheetLimits) -> Iterator[tuple[object, ...]]:
    """The first rows (at most the limit and the header rows, one more to tell "too many");
    every cell the reader parsed counts, whatever its column, so a sheet cannot hide work
    beyond the columns kept."""
    rows = sheet.iter_rows(  # type: ignore[attr-defined]
        max_row=limits.max_rows + HEADER_ROWS + 1, values_only=True
    )
    cells = 0
    for row in rows:
        filled = [index for index, value in enumerate(row) if value is not None]
        cells += len(filled)
        if cells > limits.max_cells:
            raise SheetTooLarge(too_many_cells(limits), ("contentBase64",))
        if filled and filled[-1] >= limits.max_columns:
            raise SheetTooLarge(too_many_columns(filled[-1] + 1, limits), ("contentBase64",))
        yield tuple(row[: limits.max_columns])


def read_sheet(content: bytes, limits: SheetLimits) -> list[tuple[object, ...]]:
    """The first sheet's rows, within ``limits`` (else :class:`SheetTooLarge`); a file that
    cannot be read as a workbook, whatever the reader says, is :class:`Invalid`."""
    try:
        check_archive(content, limits)
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            check_dimension(sheet.max_row, sheet.max_column, limits)
            return list(_bounded_rows(sheet, limits))
        finally:
            book.close()
    except SheetTooLarge:
        raise
    except Exception as exc:  # a broken upload: openpyxl, zipfile and expat raise many kinds
        log.info("unreadable ledger sheet: %r", exc)
        raise Invalid(NOT_A_WORKBOOK, ("content",)) from None


def parse_ledger_sheet(
    content: bytes, units: Mapping[str, Unit], limits: SheetLimits | None = None
) -> ParsedSheet:
    """Rows of the first sheet (header row within the first five), checked cell by cell."""
    limits = limits or SheetLimits()
    rows = read_sheet(content, limits)
    parsed = ParsedSheet(max_errors=limits.max_errors)
    header_at = _find_header(rows)
    if header_at is None:
        parsed.add(SheetError(1, "", "", "前5行里找不到含“问题描述”的表头，请按台账模板填写"))
        return parsed
    columns = {_text(v): i for i, v in enumerate(rows[header_at]) if _text(v) in HEADERS}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        message = "表格缺少这些列：" + "、".join(missing) + "，请按台账模板补上"
        parsed.add(SheetError(header_at + 1, "", "", message))
        return parsed
    if len(rows) - header_at - 1 > limits.max_rows:
        raise SheetTooLarge(too_many_rows(limits), ("contentBase64",))
    for offset, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if all(_text(v) == "" for v in values):
            continue
        row = _parse_row(offset, values, columns, units, parsed)
        if row is not None:
            parsed.rows.append(row)
    return parsed


def _parse_row(
    number: int,
    values: tuple[object, ...],
    columns: Mapping[str, int],
    units: Mapping[str, Unit],
    parsed: ParsedSheet,
) -> SheetRow | None:
    found: list[SheetError] = []

    def cell(name: str) -> object:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    def fail(name: str, message: str) -> None:
        found.append(SheetError(number, name, get_column_letter(columns[name] + 1), message))

    source: tuple[FindingSource, str | None] = (FindingSource.OTHER, None)
    try:
        source = parse_source(_text(cell("问题来源")))
    except ValueError:
        fail("问题来源", "没有填写问题来源")
    description = _text(cell("问题描述"))
    if not description:
        fail("问题描述", "没有填写问题描述")
    measures = _text(cell("整改措施"))
    if not measures:
        fail("整改措施", "没有填写整改措施")
    unit_name = _text(cell("责任单位"))
    unit = units.get(unit_name)
    if not unit_name:
        fail("责任单位", "没有填写责任单位")
    elif unit is None:
        fail("责任单位", f"单位名录中没有“{unit_name}”，请核对单位全称")
    elif unit.kind is UnitKind.GROUP:
        fail("责任单位", f"{unit_name}是单位组，请写明具体负责整改的单位")
    deadline = dt.date.min
    try:
        deadline = parse_date(cell("整改时限"))
    except ValueError:
        fail("整改时限", f"看不懂日期“{_text(cell('整改时限'))}”，请写成2025-06-30这样的日期")
    persons: list[dict[str, str]] = []
    if "责任人" in columns:
        try:
            persons = parse_persons(_text(cell("责任人")))
        except ValueError as error:
            fail("责任人", str(error))
    status = RectificationStatus.OPEN
    if "状态" in columns:
        try:
            status = parse_status(_text(cell("状态")))
        except ValueError as error:
            fail("状态", str(error))
    for problem in found:
        parsed.add(problem)
    if found or unit is None:
        return None
    return SheetRow(
        row=number,
        source=source[0],
        source_detail=source[1],
        description=description,
        measures=measures,
        unit=unit,
        persons=persons,
        deadline=deadline,
        progress=_text(cell("整改进展")) if "整改进展" in columns else "",
        status=status,
    )
