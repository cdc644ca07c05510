"""Workbooks made to hurt a reader: a lying dimension, broken XML, no sheets, a stray zip."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(content: bytes, member: str, change: Callable[[str], str]) -> bytes:
    """The same zip with one member's text changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_dimension(content: bytes, ref: str) -> bytes:
    """The sheet declares ``ref`` (e.g. ``A1:CV20000``) whatever it really holds."""
    return rewrite(
        content,
        SHEET,
        lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml),
    )


def malformed() -> dict[str, bytes]:
    """Files a ledger import has been seen to fail on, by what is wrong with them."""
    good = workbook([["问题描述"], ["x"]])
    stray = io.BytesIO()
    with zipfile.ZipFile(stray, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
    return {
        "not a zip": b"PK\x03\x04 not really",
        "broken content types": stray.getvalue(),
        "broken sheet xml": rewrite(good, SHEET, lambda xml: xml[: len(xml) // 2]),
        "no sheets": rewrite(
            good, "xl/workbook.xml", lambda xml: re.sub(r"<sheets>.*</sheets>", "<sheets/>", xml)
        ),
        "entity in sheet": rewrite(
            good, SHEET, lambda xml: xml.replace("<sheetData>", "<sheetData>&undefined;")
        ),
    }
