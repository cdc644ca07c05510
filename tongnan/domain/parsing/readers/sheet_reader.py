"""An .xlsx or .csv task table: each row a line with its cells (openpyxl / csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from openpyxl import load_workbook

from tongnan.domain.parsing.lines import SourceDocument, document_from_blocks
from tongnan.domain.parsing.model import PlanParseError, Problem
from tongnan.domain.parsing.notice import decode_notice


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> SourceDocument:
    """The first sheet's rows; a row with one filled cell is a line of text (a title)."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        message = "这个.xlsx文件打不开，请在WPS或Excel里重新另存为.xlsx后再导入"
        raise PlanParseError([Problem(0, message)]) from None
    blocks: list[str | tuple[str, ...]] = []
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        cells = tuple(_cell(value).strip() for value in row)
        filled = [c for c in cells if c]
        if len(filled) == 1 and cells.index(filled[0]) == 0:
            blocks.append(filled[0])
        else:
            blocks.append(cells)
    book.close()
    return document_from_blocks(blocks, "xlsx")


def read_csv(data: bytes) -> SourceDocument:
    """A .csv in UTF-8 or GB18030 (as Excel and WPS save it)."""
    text = decode_notice(data)
    blocks: list[str | tuple[str, ...]] = []
    for row in csv.reader(io.StringIO(text)):
        cells = tuple(cell.strip() for cell in row)
        filled = [c for c in cells if c]
        if len(filled) == 1 and cells[0] == filled[0]:
            blocks.append(filled[0])
        elif filled:
            blocks.append(cells)
        else:
            blocks.append("")
    return document_from_blocks(blocks, "csv")
