"""Ledger sheets for the supervision tests: read an exported one, write one with bad rows."""

from __future__ import annotations

import base64
import io
from typing import Any

from openpyxl import Workbook, load_workbook

HEADERS = [
    "序号",
    "问题来源",
    "问题描述",
    "整改措施",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "状态",
]


def sheet_rows(content_base64: str) -> list[list[Any]]:
    """The first sheet's rows, as openpyxl reads them."""
    sheet = load_workbook(io.BytesIO(base64.b64decode(content_base64))).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def sheet_with_two_bad_rows() -> str:
    """Row 2 is good; row 3 names an unknown unit; row 4 has an unreadable deadline (Base64)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    sheet.append([1, "区级专项督查", "村级公示不及时", "每月公示", "双江镇", "张三", "2025-09-30"])
    sheet.append([2, "区级专项督查", "档案不全", "补齐档案", "不存在镇", "", "2025-09-30"])
    sheet.append([3, "中市考核评估", "台账不规范", "规范台账", "花岩镇", "", "下月底"])
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue()).decode()
