"""Matrix export to CSV text and XLSX bytes, with Chinese headers, load counts and a legend.

Every text cell goes through the one formula escape the ledger export uses: a unit or task
named "=…", "+…", "-…" or "@…" is shown as text, never run, in both the CSV and the XLSX."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Final

from tongnan.domain.common.spreadsheet_text import escape_formula

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.matrix import Matrix

FIXED_HEADERS: Final = ("序号", "任务", "牵头单位", "责任单位")
LEAD_TOTAL: Final = "牵头任务数"
RESPONSIBLE_TOTAL: Final = "责任任务数"
LEGEND: Final = (
    ("图例", "L：牵头"),
    ("", "R：责任"),
    ("", "*：经由集体（通过所属集体承担）"),
    ("", "集体成员未定时，以集体本身列示"),
)
SEPARATOR: Final = "、"

Cell = str | int


def _escaped(row: list[Cell]) -> list[Cell]:
    return [escape_formula(cell) if isinstance(cell, str) else cell for cell in row]


def table(matrix: Matrix) -> list[list[Cell]]:
    """The sheet as rows: header, one row per task, the two load rows, a blank row, the legend;
    text escaped against formulas."""
    return [_escaped(row) for row in _raw_table(matrix)]


def _raw_table(matrix: Matrix) -> list[list[Cell]]:
    rows: list[list[Cell]] = [[*FIXED_HEADERS, *(c.unit.name for c in matrix.columns)]]
    for row in matrix.rows:
        rows.append(
            [
                row.task.number,
                f"{row.task.label}{row.task.title}",
                SEPARATOR.join(row.leads),
                SEPARATOR.join(row.responsible),
                *("" if cell is None else cell.text for cell in row.cells),
            ]
        )
    rows.append(["", LEAD_TOTAL, "", "", *(c.lead_count for c in matrix.columns)])
    rows.append(["", RESPONSIBLE_TOTAL, "", "", *(c.responsible_count for c in matrix.columns)])
    rows.append([])
    rows.extend(list(line) for line in LEGEND)
    return rows


def to_csv(matrix: Matrix) -> str:
    """UTF-8 text (no BOM; add one when Excel must open it directly)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(table(matrix))
    return out.getvalue()


def to_xlsx(matrix: Matrix) -> bytes:
    """One sheet 责任矩阵: bold frozen header, shaded role cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "责任矩阵"
    fills = {
        "L": PatternFill("solid", fgColor="C0392B"),
        "R": PatternFill("solid", fgColor="F5B7B1"),
    }
    center = Alignment(horizontal="center", vertical="center")
    for row in table(matrix):
        sheet.append(row)
    first_unit_column = len(FIXED_HEADERS) + 1
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        if cell.column >= first_unit_column:
            cell.alignment = Alignment(text_rotation=90, horizontal="center")
    for line in sheet.iter_rows(min_row=2, max_row=1 + len(matrix.rows)):
        for cell in line[len(FIXED_HEADERS) :]:
            if cell.value:
                cell.alignment = center
                fill = fills.get(str(cell.value)[0])
                if fill is not None:
                    cell.fill = fill
    sheet.freeze_panes = sheet.cell(row=2, column=first_unit_column)
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 24
    sheet.column_dimensions["D"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
