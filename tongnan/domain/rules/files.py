"""Pure rules over an uploaded file: its type read from its first bytes (never from its name)
and its name made safe to keep and to send back (no path, no control characters)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
GIF = "image/gif"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# what a clerk reads when a file is refused, and the extension each type is saved with
ACCEPTED_WORDS = "PDF、JPEG、PNG、GIF、WebP 图片、Word 文档(.docx)或 Excel 表格(.xlsx)"
EXTENSIONS = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    GIF: ".gif",
    WEBP: ".webp",
    DOCX: ".docx",
    XLSX: ".xlsx",
}
# the part an Office Open XML package of each kind must hold
_OFFICE_PARTS = ((DOCX, "word/document.xml"), (XLSX, "xl/workbook.xml"))
_UNSAFE = re.compile(r'[\\/:*?"<>|]')
MAX_NAME_CHARS = 120


def sniff(data: bytes) -> str | None:
    """The content type of ``data`` by its magic bytes, or None when it is not accepted."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in _OFFICE_PARTS:
        if part in names:
            return kind
    return None


def safe_name(sent: str | None, content_type: str) -> str:
    """The name kept for a file: the last path segment of what was sent, without control
    characters or characters Windows forbids, trimmed; its extension made to match the type
    read from the bytes; ``佐证材料`` when nothing usable is left."""
    name = unicodedata.normalize("NFC", sent or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip()
    extension = EXTENSIONS.get(content_type, "")
    same = {extension, ".jpeg"} if content_type == JPEG else {extension}
    stem, dot, ext = name.rpartition(".")
    if dot and "." + ext.lower() in same:
        extension = "." + ext  # the name's own spelling of the right extension
    elif not (dot and "." + ext.lower() in EXTENSIONS.values()):
        stem = name  # no extension, or one of no accepted type: part of the name
    stem = stem.strip().strip(".").strip() or "佐证材料"
    return stem[: MAX_NAME_CHARS - len(extension)] + extension
