"""How the render processes write PDFs: fonts subset in one HarfBuzz pass, streams deflated at
zlib's default level. Both were the largest costs of writing a document, found by profiling
the plan notice (10 pages, four CJK faces); neither changes what a page shows.

Subsetting. WeasyPrint 70 subsets each embedded font twice: a first pass keeps the used glyphs
at their glyph ids (the PDF's text shows glyph ids) and a second pass cuts the empty glyphs after
the last one used. Both passes walk every glyph id up to the last used one, which in the
documents' CJK fonts (Noto Serif/Sans CJK, 65,535 glyphs) is at 45,000-63,000 for the plan
notice: about 80 ms of CPU, more than drawing its pages. One pass with the same flags keeps the
same glyphs at the same ids in about half the time. It also drops the vertical metrics (vhea,
vmtx, VORG), which horizontal text does not use (a PDF viewer takes the widths from the PDF): a
retained glyph id kept an entry in them.

Compression. pydyf deflates every stream at level 9; the font programs (1.8 MB before
compression, mostly the empty entries of retained glyph ids) gain almost nothing from it over
level 6 (0.3 % larger), which takes about half the time.

``TONGNAN_PDF_WRITING=weasyprint`` keeps WeasyPrint's and pydyf's own ways (read when a render
process starts); so does a WeasyPrint or HarfBuzz without what this module uses.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

log = logging.getLogger(__name__)

ENV = "TONGNAN_PDF_WRITING"

#: zlib's own default: what pydyf's level 9 gains on the documents is 0.3 % of the bytes.
COMPRESSION_LEVEL = 6

#: Tables WeasyPrint drops from a subset (weasyprint/pdf/fonts.py), and the vertical metrics.
DROPPED_TABLES = (
    b"BASE",
    b"DSIG",
    b"EBDT",
    b"EBLC",
    b"EBSC",
    b"GPOS",
    b"GSUB",
    b"JSTF",
    b"LTSH",
    b"PCLT",
    b"SVG ",
    b"VORG",
    b"vhea",
    b"vmtx",
)

#: HarfBuzz 7.2+: no glyphs kept for GSUB's sake, the text being shaped (older ones ignore it).
NO_LAYOUT_CLOSURE = 0x200

_original: Callable[..., None] | None = None


class _Deflate:
    """pydyf's zlib module, with its compression level replaced by COMPRESSION_LEVEL."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = COMPRESSION_LEVEL, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(COMPRESSION_LEVEL, *args, **kwargs)


def install(environ: Mapping[str, str] | None = None) -> bool:
    """Write PDFs this module's way from now on in this process; False when WeasyPrint keeps its
    own (asked for, or a WeasyPrint without the HarfBuzz subsetting this replaces)."""
    global _original
    if (os.environ if environ is None else environ).get(ENV, "").strip() == "weasyprint":
        uninstall()
        return False
    import pydyf
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    current = getattr(fonts.Font, "_harfbuzz_subset", None)
    if current is None or harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        return False
    if current is not _one_pass_subset:
        _original = current
        fonts.Font._harfbuzz_subset = _one_pass_subset
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Deflate()
    return True


def uninstall() -> None:
    """WeasyPrint's and pydyf's own ways again (the benchmark compares the two)."""
    global _original
    import pydyf

    if isinstance(getattr(pydyf, "zlib", None), _Deflate):
        pydyf.zlib = zlib
    if _original is not None:
        from weasyprint.pdf import fonts

        fonts.Font._harfbuzz_subset = _original
        _original = None


def installed() -> bool:
    from weasyprint.pdf import fonts

    return getattr(fonts.Font, "_harfbuzz_subset", None) is _one_pass_subset


def _subset(face: Any, glyphs: Sequence[int], flags: int) -> Any:
    """HarfBuzz's subset of ``face`` (a face to destroy, or NULL): ``glyphs`` (sorted) kept,
    the dropped tables gone."""
    from weasyprint.text.ffi import ffi, harfbuzz
    from weasyprint.text.ffi import harfbuzz_subset as hb_subset

    created = hb_subset.hb_subset_input_create_or_fail()
    if created == ffi.NULL:
        return ffi.NULL
    subset_input = ffi.gc(created, hb_subset.hb_subset_input_destroy)
    glyph_set = hb_subset.hb_subset_input_glyph_set(subset_input)
    harfbuzz.hb_set_add_sorted_array(
        glyph_set, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", list(glyphs)), len(glyphs)
    )
    hb_subset.hb_subset_input_set_flags(subset_input, flags)
    tags = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in DROPPED_TABLES)
    drop_set = hb_subset.hb_subset_input_set(subset_input, hb_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    harfbuzz.hb_set_add_sorted_array(
        drop_set, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags)
    )
    return hb_subset.hb_subset_or_fail(face, subset_input)


def _one_pass_subset(font: Any, to_unicode: Mapping[int, Any], hinting: bool) -> None:
    """WeasyPrint's Font._harfbuzz_subset in one pass: the used glyphs at their ids (earlier
    ids empty), the same tables dropped plus the vertical metrics, hinting only if asked.

    The cmap's variation sequences (format 14) keep the glyph of a variant of a used character,
    which may sit far past the last used glyph (Noto Sans CJK's centred 、, U+3001 U+FE01, is
    glyph 63,145): every empty id up to it would stay. Only then a second pass cuts the glyphs
    after the last used one, as WeasyPrint's second pass does."""
    from weasyprint.text.ffi import ffi, harfbuzz
    from weasyprint.text.ffi import harfbuzz_subset as hb_subset
    from weasyprint.text.fonts import get_hb_object_data

    flags = (
        hb_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | hb_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        | NO_LAYOUT_CLOSURE
    )
    if not hinting:
        flags |= hb_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= hb_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    glyphs = sorted(to_unicode)
    subset = _subset(font.hb_face, glyphs, flags | hb_subset.HB_SUBSET_FLAGS_RETAIN_GIDS)
    if subset != ffi.NULL:
        subset = ffi.gc(subset, harfbuzz.hb_face_destroy)
        if harfbuzz.hb_face_get_glyph_count(subset) > glyphs[-1] + 1:
            trimmed = _subset(subset, range(glyphs[-1] + 1), flags)
            subset = ffi.NULL if trimmed == ffi.NULL else ffi.gc(trimmed, harfbuzz.hb_face_destroy)
    content = None if subset == ffi.NULL else get_hb_object_data(subset)
    if not content:
        _fall_back(font, to_unicode, hinting)
        return
    font.file_content = content


def _fall_back(font: Any, to_unicode: Mapping[int, Any], hinting: bool) -> None:
    """A font HarfBuzz could not subset in one pass: WeasyPrint's own two passes (which warn
    and embed the whole font when they fail too)."""
    log.warning("one-pass subsetting failed for %s: WeasyPrint subsets it", font.family)
    original = _original
    if original is None:
        from weasyprint.pdf import fonts

        original = fonts.Font._harfbuzz_subset
        if original is _one_pass_subset:  # pragma: no cover - _original is set when installed
            return
    original(font, to_unicode, hinting)
