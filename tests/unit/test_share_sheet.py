"""A quota's shares read from the office's sheet: .xlsx or .csv, 单位 + 分解数, header optional."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from tongnan.domain.common.errors import Invalid
from tongnan.domain.plans.share_sheet import read_shares


def xlsx(rows: list[tuple[object, object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_a_header() -> None:
    content = xlsx([("单位", "分解数"), ("双江镇", 100), ("柏梓镇", 80.5), (None, None)])
    assert read_shares(content) == [("双江镇", Decimal("100")), ("柏梓镇", Decimal("80.5"))]


def test_csv_without_a_header_and_thousands() -> None:
    content = '双江镇,"1,200"\n柏梓镇,80\n'.encode()
    assert read_shares(content) == [("双江镇", Decimal("1200")), ("柏梓镇", Decimal("80"))]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("单位,分解数\n双江镇,很多\n".encode(), "第2行的分解数“很多”不是数字"),
        ("单位,分解数\n,100\n".encode(), "第2行没有填写单位"),
        ("单位,分解数\n".encode(), "没有读到任何单位的分解数"),
        (b"PK\x03\x04broken", "无法读取这个表格文件"),
    ],
)
def test_refusals_say_what_is_wrong(content: bytes, says: str) -> None:
    with pytest.raises(Invalid, match=says):
        read_shares(content)
