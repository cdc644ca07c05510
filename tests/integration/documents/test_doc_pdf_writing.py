"""How PDFs are written (pdf_writing.py): the same document as WeasyPrint's own way gives, with
its fonts still embedded as subsets, in fewer bytes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
from fontTools.ttLib import TTFont

from tests.integration.documents.docsamples import urge_example
from tests.support.pdf import document_text, read_pdf
from tongnan.domain.documents import urge_notice
from tongnan.server.documents import pdf_writing
from tongnan.server.documents.render import render_pdf


@pytest.fixture
def both_ways() -> Iterator[tuple[bytes, bytes]]:
    """The urge notice written WeasyPrint's way, then this module's way."""
    context = {"doc": urge_example()}
    render_pdf(urge_notice.TEMPLATE, context)  # the process's typesetting set up (installs)
    try:
        pdf_writing.uninstall()
        weasyprint_way = render_pdf(urge_notice.TEMPLATE, context)
        assert pdf_writing.install({})
        yield weasyprint_way, render_pdf(urge_notice.TEMPLATE, context)
    finally:
        pdf_writing.install({})


def _font_programs(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font's program, by its PDF name (subset prefix included)."""
    programs = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            for key in ("/FontFile3", "/FontFile2"):
                if key in descriptor:
                    name = str(descriptor["/FontName"])
                    programs[name] = descriptor[key].get_object().get_data()
    return programs


def test_the_render_processes_write_pdfs_this_way() -> None:
    render_pdf(urge_notice.TEMPLATE, {"doc": urge_example()})
    assert pdf_writing.installed()


def test_one_pass_subsets_show_the_same_document(both_ways: tuple[bytes, bytes]) -> None:
    weasyprint_way, ours = both_ways
    before, after = read_pdf(weasyprint_way), read_pdf(ours)
    assert document_text(after) == document_text(before)
    for page_before, page_after in zip(before, after, strict=True):
        assert [
            (c["text"], round(float(c["x0"]), 2), round(float(c["top"]), 2))
            for c in page_after.chars
        ] == [
            (c["text"], round(float(c["x0"]), 2), round(float(c["top"]), 2))
            for c in page_before.chars
        ]
    assert len(ours) < len(weasyprint_way)


def test_fonts_stay_embedded_subsets_at_their_glyph_ids(both_ways: tuple[bytes, bytes]) -> None:
    weasyprint_way, ours = both_ways
    theirs, mine = _font_programs(weasyprint_way), _font_programs(ours)
    assert mine.keys() == theirs.keys() and mine
    for name, program in mine.items():
        assert "+" in name  # a subset's name: ABCDEF+Family
        assert len(program) < 2_000_000  # never the whole CJK font (17-27 MB)
        font, reference = TTFont(io.BytesIO(program)), TTFont(io.BytesIO(theirs[name]))
        assert "vmtx" not in font and "vhea" not in font
        assert font["maxp"].numGlyphs == reference["maxp"].numGlyphs
        assert font["hmtx"].metrics == reference["hmtx"].metrics


def test_weasyprints_own_way_can_be_kept() -> None:
    try:
        assert not pdf_writing.install({pdf_writing.ENV: "weasyprint"})
        assert not pdf_writing.installed()
    finally:
        pdf_writing.install({})
    assert pdf_writing.installed()
