"""Readers: a notice file's bytes -> the line model (``SourceDocument``), by its kind.

.txt in any of today's encodings, .docx (paragraphs and tables), text PDFs, .html pages saved
from a government site (tables kept as tables), .xlsx and .csv task tables. A .doc / .wps /
.xls is refused with the way out (save it as .docx / .xlsx); so is a scanned PDF.
"""

from __future__ import annotations

from pathlib import PurePath

from tongnan.domain.parsing.lines import SourceDocument, text_document
from tongnan.domain.parsing.model import PlanParseError, Problem
from tongnan.domain.parsing.notice import decode_notice
from tongnan.domain.parsing.readers.docx_reader import read_docx
from tongnan.domain.parsing.readers.html_reader import read_html
from tongnan.domain.parsing.readers.pdf_reader import read_pdf
from tongnan.domain.parsing.readers.sheet_reader import read_csv, read_xlsx

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office / WPS container
_ZIP = b"PK\x03\x04"
KINDS = ("txt", "docx", "pdf", "html", "xlsx", "csv")


def _refuse(message: str) -> PlanParseError:
    return PlanParseError([Problem(0, message)])


def notice_kind(name: str, data: bytes) -> str:
    """The kind of the file, from its name and (where the name says little) its first bytes."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in ("doc", "wps", "wpt", "dot") or (data.startswith(_OLE) and suffix != "xls"):
        raise _refuse(
            "这是旧版Word或WPS文字格式（.doc/.wps），请在WPS或Word里“另存为”.docx后再导入"
        )
    if suffix in ("xls", "et"):
        raise _refuse("这是旧版Excel或WPS表格格式（.xls/.et），请“另存为”.xlsx后再导入")
    if suffix in ("htm", "html", "shtml", "mht"):
        return "html"
    if suffix in KINDS:
        return suffix
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_ZIP):
        raise _refuse("认不出这个压缩格式的文件，请存为.docx或.xlsx后再导入")
    return "txt"


def read_notice_file(name: str, data: bytes) -> SourceDocument:
    """The lines of a notice file (its name tells the kind); PlanParseError if unreadable."""
    kind = notice_kind(name, data)
    if kind == "docx":
        return read_docx(data)
    if kind == "pdf":
        return read_pdf(data)
    if kind == "html":
        return read_html(data)
    if kind == "xlsx":
        return read_xlsx(data)
    if kind == "csv":
        return read_csv(data)
    return text_document(decode_notice(data))


__all__ = ["KINDS", "notice_kind", "read_notice_file"]
