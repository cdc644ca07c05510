"""An upload's type is read from its bytes, never its name; its name is kept safe to store and
to send back."""

from __future__ import annotations

import io
import zipfile

import pytest

from tongnan.domain.rules.files import (
    DOCX,
    GIF,
    JPEG,
    MAX_NAME_CHARS,
    PDF,
    PNG,
    WEBP,
    XLSX,
    safe_name,
    sniff,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _zip(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (PNG_BYTES, PNG),
        (b"GIF89a\x01\x00", GIF),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", WEBP),
        (_zip("[Content_Types].xml", "word/document.xml"), DOCX),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), XLSX),
        (_zip("readme.txt"), None),  # a plain zip is not an Office file
        (b"PK\x03\x04 broken", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (b"<html><script>", None),
        (b"", None),
        (b"RIFF\x24\x00\x00\x00WAVE", None),
    ],
)
def test_the_type_comes_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("sent", "kind", "kept"),
    [
        ("整改照片.png", PNG, "整改照片.png"),
        ("整改报告.PDF", PDF, "整改报告.PDF"),
        ("现场.jpeg", JPEG, "现场.jpeg"),
        ("照片.pdf", PNG, "照片.png"),  # PNG bytes named .pdf: kept as what it is
        ("扫描件", PDF, "扫描件.pdf"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("..\\..\\windows\\system32\\台账.xlsx", XLSX, "台账.xlsx"),
        ("/abs/path/报告.pdf", PDF, "报告.pdf"),
        ("坏\x00名\x1f字.pdf", PDF, "坏名字.pdf"),
        ('a<b>c:"d"|e?.pdf', PDF, "a_b_c__d__e_.pdf"),
        ("..", PDF, "佐证材料.pdf"),
        ("", PNG, "佐证材料.png"),
        (None, GIF, "佐证材料.gif"),
        ("   .pdf", PDF, "佐证材料.pdf"),
        ("a\u202egnp.pdf", PDF, "agnp.pdf"),  # no right-to-left override tricks
    ],
)
def test_names_are_kept_safe(sent: str | None, kind: str, kept: str) -> None:
    assert safe_name(sent, kind) == kept


def test_long_names_are_cut_keeping_the_extension() -> None:
    kept = safe_name("长" * 500 + ".pdf", PDF)
    assert len(kept) == MAX_NAME_CHARS
    assert kept.endswith(".pdf")
