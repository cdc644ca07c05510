"""A .docx notice: its paragraphs and table rows in document order (python-docx)."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from tongnan.domain.parsing.lines import SourceDocument, document_from_blocks
from tongnan.domain.parsing.model import PlanParseError, Problem


def read_docx(data: bytes) -> SourceDocument:
    """Paragraphs become lines, each table row a line with its cells."""
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        message = f"这个.docx文件打不开（{type(error).__name__}），请在WPS或Word里重新另存为.docx"
        raise PlanParseError([Problem(0, message)]) from None
    blocks: list[str | tuple[str, ...]] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                last = None
                for cell in row.cells:
                    # a merged cell is repeated across the columns it spans: keep it once
                    cells.append("" if cell._tc is last else cell.text)
                    last = cell._tc
                blocks.append(tuple(cells))
    return document_from_blocks(blocks, "docx")
