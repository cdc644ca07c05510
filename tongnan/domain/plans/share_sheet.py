"""Reading a quota's shares from a sheet the office filled in: .xlsx or .csv, two columns
(单位, 分解数), a header row allowed. Pure: bytes in, (unit name, share) rows out."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

from tongnan.domain.common.errors import Invalid

FIELD = ("content",)


def _rows(content: bytes) -> list[tuple[object, object]]:
    if content[:2] == b"PK":
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise Invalid("无法读取这个表格文件，请另存为 .xlsx 或 .csv 后再导入", FIELD) from exc
        if sheet is None:
            raise Invalid("表格中没有工作表", FIELD)
        return [(r[0], r[1] if len(r) > 1 else None) for r in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030", errors="strict")
    return [(r[0], r[1] if len(r) > 1 else None) for r in csv.reader(io.StringIO(text)) if r]


def read_shares(content: bytes) -> list[tuple[str, Decimal]]:
    """Each row's unit and share; a first row whose share is not a number is a header."""
    out: list[tuple[str, Decimal]] = []
    for line, (unit, share) in enumerate(_rows(content), start=1):
        name = str(unit or "").strip()
        raw = str(share if share is not None else "").strip().replace(",", "")
        if not name and not raw:
            continue
        try:
            value = Decimal(raw)
        except InvalidOperation:
            if line == 1:
                continue  # 单位, 分解数
            raise Invalid(f"第{line}行的分解数“{raw}”不是数字", FIELD) from None
        if not name:
            raise Invalid(f"第{line}行没有填写单位", FIELD)
        out.append((name, value))
    if not out:
        raise Invalid("表格中没有读到任何单位的分解数", FIELD)
    return out
