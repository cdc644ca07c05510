"""The ledger as an Excel sheet (openpyxl): export with Chinese headers, import row by row.

Export escapes text a spreadsheet would run as a formula (= + - @ …) with a leading ', and
carries each item's stable number (编号, its id) so a sheet edited and imported back updates the
items it came from. Import reads every row and reports every bad cell by row number and column,
in a clerk's words; what to do with the rows is decided by ``ledger_import_plan``.
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
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.common.values import UnitKind
from tongnan.domain.models import Unit
from tongnan.domain.models.supervision import STATUS_LABELS, FindingSource, RectificationStatus
from tongnan.domain.rules.sheet_values import (
    format_persons,
    parse_date,
    parse_persons,
    parse_source,
    read_status,
    source_cell,
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
    "编号",
    "问题来源",
    "问题描述",
    "整改措施",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "状态",
)
# columns written on export and ignored on import (what the sheet cannot change)
EXPORT_ONLY = ("佐证材料",)
REQUIRED = ("问题来源", "问题描述", "整改措施", "责任单位", "整改时限")
WIDTHS = (6, 8, 16, 40, 40, 16, 20, 14, 40, 10, 10)
SHEET_TITLE = "整改台账"
NOT_A_WORKBOOK = "这个文件不是能读取的 .xlsx 工作簿，请用 Excel 或 WPS 另存为 .xlsx 后再导入"
log = logging.getLogger(__name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class ItemTexts:
    """The texts of an item the sheet shows besides what the ledger rows carry."""

    measures: str
    persons: list[dict[str, str]]
    progress: str | None
    evidence: int = 0  # how many files (佐证材料) the item carries


def ledger_workbook(
    rows: LedgerRows, texts: Mapping[int, ItemTexts], unit_names: Mapping[int, str]
) -> bytes:
    """The ledger rows as an .xlsx file, one row per item, in ledger order (pure, CPU-bound:
    call it off the event loop for a large ledger)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    sheet.append([*HEADERS, *EXPORT_ONLY])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(rows.lines, start=1):
        finding = rows.findings[line.finding_id]
        item = texts[line.id]
        cells = [
            source_cell(finding.source, finding.source_detail),
            finding.description,
            item.measures,
            unit_names.get(line.unit_id, ""),
            format_persons(item.persons),
        ]
        sheet.append(
            [
                number,
                line.id,
                *(escape_formula(t) for t in cells),
                line.deadline,
                escape_formula(item.progress or ""),
                STATUS_LABELS[line.status],
                item.evidence,
            ]
        )
        sheet.cell(row=number + 1, column=8).number_format = "yyyy-mm-dd"
        for column in (4, 5, 9):
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
        where = f"第{self.row}行" + (f"“{self.column}”（{self.letter}列）" if self.column else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One readable row. ``status``, ``progress``, ``persons``: None when the sheet leaves them
    empty (or has no such column): an update then keeps what the item has."""

    row: int
    number: int | None  # 编号: the item this row came from (None: a new item)
    source: FindingSource
    source_detail: str | None
    description: str
    measures: str
    unit: Unit
    persons: list[dict[str, str]] | None
    deadline: dt.date
    progress: str | None
    status: RectificationStatus | None
    readings: tuple[str, ...] = ()  # how a word was understood: “进行中”按“整改中”理解


@dataclass(slots=True)
class ParsedSheet:
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[SheetError] = field(default_factory=list)  # every bad cell, and ``problem``
    problem: SheetError | None = None  # the sheet as a whole cannot be read
    numbers: dict[int, int | None] = field(default_factory=dict)  # sheet row → its 编号


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
    """Rows of the first sheet (header row within the first five), checked cell by cell; the
    sheet is checked against ``limits`` before its cells are read."""
    limits = limits or SheetLimits()
    rows = read_sheet(content, limits)
    parsed = ParsedSheet()
    header_at = _find_header(rows)
    if header_at is None:
        parsed.problem = SheetError(1, "", "", "前5行中没有含“问题描述”的表头行")
        parsed.errors.append(parsed.problem)
        return parsed
    columns = {_text(v): i for i, v in enumerate(rows[header_at]) if _text(v) in HEADERS}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        message = "缺少列：" + "、".join(missing)
        parsed.problem = SheetError(header_at + 1, "", "", message)
        parsed.errors.append(parsed.problem)
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


def _number(text: str) -> int:
    bare = text.strip().lstrip("#№").strip()
    if not bare.isdigit() or int(bare) <= 0:
        raise ValueError(f"编号“{text}”无法识别（应为导出时的数字编号，新增事项留空）")
    return int(bare)


def _unit_problem(name: str, units: Mapping[str, Unit]) -> str:
    """The one wording of an unknown unit (``suggest.unknown_unit_message``), with the nearest
    of the directory's names and aliases."""
    return unknown_unit_message(name, {u.name for u in units.values()} | set(units))


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

    item_number: int | None = None
    if _text(cell("编号")):
        try:
            item_number = _number(_text(cell("编号")))
        except ValueError as error:
            fail("编号", str(error))
    parsed.numbers[number] = item_number
    source: tuple[FindingSource, str | None] = (FindingSource.OTHER, None)
    try:
        source = parse_source(_text(cell("问题来源")))
    except ValueError as error:
        fail("问题来源", str(error))
    description = _text(cell("问题描述"))
    if not description:
        fail("问题描述", "问题描述未填写")
    measures = _text(cell("整改措施"))
    if not measures:
        fail("整改措施", "整改措施未填写")
    unit_name = _text(cell("责任单位"))
    unit = units.get(unit_name)
    if not unit_name:
        fail("责任单位", "责任单位未填写")
    elif unit is None:
        fail("责任单位", _unit_problem(unit_name, units))
    elif unit.kind is UnitKind.GROUP:
        fail("责任单位", f"“{unit_name}”是一组单位，请填写具体负责的单位")
    deadline = dt.date.min
    if not _text(cell("整改时限")):
        fail("整改时限", "整改时限未填写")
    else:
        try:
            deadline = parse_date(cell("整改时限"))
        except ValueError as error:
            fail("整改时限", str(error))
    persons: list[dict[str, str]] | None = None
    if _text(cell("责任人")):
        try:
            persons = parse_persons(_text(cell("责任人")))
        except ValueError as error:
            fail("责任人", str(error))
    status: RectificationStatus | None = None
    readings: list[str] = []
    if _text(cell("状态")):
        try:
            status, reading = read_status(_text(cell("状态")))
            if reading:
                readings.append(reading)
        except ValueError as error:
            fail("状态", str(error))
    parsed.errors.extend(found)
    if found or unit is None:
        return None
    return SheetRow(
        row=number,
        number=item_number,
        source=source[0],
        source_detail=source[1],
        description=description,
        measures=measures,
        unit=unit,
        persons=persons,
        deadline=deadline,
        progress=_text(cell("整改进展")) or None,
        status=status,
        readings=tuple(readings),
    )
