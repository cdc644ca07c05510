"""A text PDF notice: its text lines page by page (pdfplumber). A scanned PDF, with no text
layer, is refused with that reason."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from tongnan.domain.parsing.lines import SourceDocument, document_from_blocks
from tongnan.domain.parsing.model import PlanParseError, Problem


def read_pdf(data: bytes) -> SourceDocument:
    """Every page's lines in reading order; page furniture is left for the parser to drop."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError):
        message = "这个PDF文件打不开（可能已损坏），请重新导出PDF或另存为.docx后再导入"
        raise PlanParseError([Problem(0, message)]) from None
    if not any(text.strip() for text in pages):
        message = (
            "这个PDF没有文字层（是扫描件或图片），读不出文字；"
            "请找发文单位要电子版（.docx或可复制文字的PDF），或把文字录入后再导入"
        )
        raise PlanParseError([Problem(0, message)])
    blocks: list[str | tuple[str, ...]] = list(pages)
    return document_from_blocks(blocks, "pdf")
