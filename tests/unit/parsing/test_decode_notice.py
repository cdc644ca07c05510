"""decode_notice: the encodings a notice file may arrive in, and refusing binary data."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from tongnan.domain.parsing import PlanParseError, decode_notice, parse_notice

NOTICE = Path(__file__).resolve().parents[3] / "data" / "plans" / "tongnan-2025-work-points.txt"
TEXT = NOTICE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_decodes_to_the_same_text(data: bytes) -> None:
    text = decode_notice(data)
    assert text == TEXT
    assert parse_notice(text).code == "潼巩固专办发〔2025〕1号"


def test_gb18030_is_not_mistaken_for_utf8() -> None:
    data = TEXT.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_notice(data) == TEXT


def test_crlf_is_kept_for_the_parser_to_normalise() -> None:
    text = decode_notice(TEXT.replace("\n", "\r\n").encode("gb18030"))
    assert parse_notice(text).full_text == TEXT


def test_empty_file_decodes_to_empty_text() -> None:
    assert decode_notice(b"") == ""


def _random_bytes(size: int, *, without_nul: bool) -> bytes:
    data = random.Random(20250427).randbytes(size)
    return data.replace(b"\x00", b"") if without_nul else data


@pytest.mark.parametrize(
    "data",
    [
        _random_bytes(4096, without_nul=False),
        _random_bytes(4096, without_nul=True),
        "关于印发\x00工作要点".encode(),
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 64,
        b"%PDF-1.7\n\x1b\x1c\x1d\x1e\x1f\x7f\x0e\x0f binary stream",
        codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate after a UTF-16 BOM
    ],
    ids=["random", "random-no-nul", "nul", "controls", "control-heavy", "bad-utf-16"],
)
def test_binary_or_undecodable_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(PlanParseError) as caught:
        decode_notice(data)
    [problem] = caught.value.problems
    assert problem.line == 0
    assert problem.message
