"""How large an uploaded .xlsx sheet may be, checked before its cells are read.

A workbook is a zip: its central directory tells each member's unpacked size (the zip reader
stops at that size, so a member cannot unpack to more), and the sheet declares its dimension
(e.g. ``A1:CV20000``) before its first cell. Both are checked first; the rows are then read
with hard bounds, so a sheet whose dimension lies still cannot make the reader do more work.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from tongnan.domain.common.errors import Invalid

FIELD = ("contentBase64",)


@dataclass(frozen=True, slots=True)
class SheetLimits:
    """Settings ``TONGNAN_SHEET_MAX_*``; ``max_errors`` row errors are listed, the rest counted."""

    max_rows: int = 10_000
    max_columns: int = 30
    max_cells: int = 150_000
    max_unpacked_bytes: int = 16 * 1024 * 1024
    max_members: int = 200
    max_errors: int = 50


class SheetTooLarge(Invalid):
    """The sheet is over a limit; nothing of it was imported."""


def check_archive(content: bytes, limits: SheetLimits) -> None:
    """The zip's declared sizes; ``zipfile.BadZipFile`` when it is not a zip at all."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
    if len(members) > limits.max_members:
        raise SheetTooLarge(
            f"文件里的部件太多（{len(members)} 个，最多 {limits.max_members} 个），"
            "不像是整改台账，请另存为普通的 .xlsx 后再导入",
            FIELD,
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise SheetTooLarge(
            f"表格解压后有 {unpacked // 1_000_000} MB，超过上限 "
            f"{limits.max_unpacked_bytes // 1_000_000} MB，请分成几个文件导入",
            FIELD,
        )


def check_dimension(rows: int | None, columns: int | None, limits: SheetLimits) -> None:
    """The sheet's declared size (None when it declares none)."""
    if rows is not None and rows > limits.max_rows + HEADER_ROWS:
        raise SheetTooLarge(too_many_rows(limits), FIELD)
    if columns is not None and columns > limits.max_columns:
        raise SheetTooLarge(too_many_columns(columns, limits), FIELD)
    if rows is not None and columns is not None and rows * columns > limits.max_cells:
        raise SheetTooLarge(too_many_cells(limits), FIELD)


HEADER_ROWS = 5  # the header row may be any of the first five


def too_many_rows(limits: SheetLimits) -> str:
    return f"表格超过 {limits.max_rows} 行，请分成几个文件导入"


def too_many_columns(columns: int, limits: SheetLimits) -> str:
    return f"表格有 {columns} 列，最多 {limits.max_columns} 列，请删去多余的列后再导入"


def too_many_cells(limits: SheetLimits) -> str:
    return f"表格超过 {limits.max_cells} 个单元格，请分成几个文件导入"
