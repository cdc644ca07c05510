"""A text PDF notice: its text lines page by page, ruled tables as rows of cells (pdfplumber).
A scanned PDF, with no text layer, is refused with that reason."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from tongnan.domain.parsing.lines import SourceDocument, document_from_blocks
from tongnan.domain.parsing.model import PlanParseError, Problem


def read_pdf(data: bytes) -> SourceDocument:
    """Every page's lines in reading order; page furniture is left for the parser to drop."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_blocks(page) for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError):
        message = "这个PDF文件打不开（可能已损坏），请重新导出PDF或另存为.docx后再导入"
        raise PlanParseError([Problem(0, message)]) from None
    if not any(any(_filled(b) for b in blocks) for blocks in pages):
        message = (
            "这个PDF没有文字层（是扫描件或图片），读不出文字；"
            "请找发文单位要电子版（.docx或可复制文字的PDF），或把文字录入后再导入"
        )
        raise PlanParseError([Problem(0, message)])
    return document_from_blocks([b for blocks in pages for b in blocks], "pdf")


def _filled(block: str | tuple[str, ...]) -> bool:
    return any(c.strip() for c in block) if isinstance(block, tuple) else bool(block.strip())


def _page_blocks(page: Page) -> list[str | tuple[str, ...]]:
    """The page's text lines, and its ruled tables as rows of cells, in reading order."""
    tables = page.find_tables()
    if not tables:
        return [page.extract_text() or ""]
    rest = page
    for table in tables:
        rest = rest.outside_bbox(table.bbox)
    placed: list[tuple[float, str | tuple[str, ...]]] = [
        (float(line["top"]), str(line["text"])) for line in rest.extract_text_lines()
    ]
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            text = tuple("".join((cell or "").split()) for cell in cells)
            placed.append((float(row.bbox[1]), text))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]
