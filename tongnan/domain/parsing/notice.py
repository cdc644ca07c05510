"""Entry points: decode a notice file's bytes, and parse its text into a ParsedPlan."""

from __future__ import annotations

import codecs
import unicodedata

from tongnan.domain.parsing.body import SECTION_RE, TASK_RE, BodyReader
from tongnan.domain.parsing.header import parse_header
from tongnan.domain.parsing.model import ParsedPlan, PlanParseError, Problem
from tongnan.domain.parsing.text import clean_line, normalise_newlines

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("utf-8", "gb18030")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_notice(data: bytes) -> str:
    """The text of a notice file: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or GB18030.

    Raises PlanParseError (line 0) for binary data or bytes no supported encoding can read.
    """
    text = _decode(data)
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise PlanParseError(
            [Problem(0, "这个文件看起来不是文字文件（含有控制字符），请另存为纯文本后再导入")]
        )
    return text.removeprefix("\ufeff")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                message = (
                    f"文件开头标着 {encoding} 编码，内容却不是 {encoding}，"
                    "请另存为 UTF-8 纯文本后再导入"
                )
                raise PlanParseError([Problem(0, message)]) from None
    if b"\x00" in data:
        raise PlanParseError(
            [Problem(0, "这个文件看起来不是文字文件（含有空字节），请另存为纯文本后再导入")]
        )
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    message = (
        "读不出这个文件的文字（试过 UTF-8、UTF-16、GB18030 编码），请另存为 UTF-8 纯文本后再导入"
    )
    raise PlanParseError([Problem(0, message)])


def parse_notice(text: str) -> ParsedPlan:
    """Parse a whole notice; raise PlanParseError listing every problem, each with its line."""
    full_text = normalise_newlines(text)
    lines = [clean_line(raw) for raw in full_text.split("\n")]
    body_at = next(
        (
            k
            for k, line in enumerate(lines)
            if SECTION_RE.fullmatch(line) or TASK_RE.fullmatch(line)
        ),
        len(lines),
    )
    problems: list[Problem] = []
    front = [(k + 1, line) for k, line in enumerate(lines[:body_at]) if line]
    header = parse_header(front, min(body_at + 1, len(lines)), problems)
    reader = BodyReader(problems)
    for k in range(body_at, len(lines)):
        reader.feed(k + 1, lines[k])
    sections = reader.finish(min(body_at + 1, len(lines)))
    if (
        problems
        or header.code is None
        or header.title is None
        or header.issuer is None
        or header.issued_on is None
        or header.plan_title is None
    ):
        problems.sort(key=lambda problem: problem.line)
        raise PlanParseError(
            problems or [Problem(1, "通知的开头部分（文号、发文机关、标题、日期）不完整")]
        )
    return ParsedPlan(
        code=header.code,
        title=header.title,
        plan_title=header.plan_title,
        issuer=header.issuer,
        issued_on=header.issued_on,
        parent_code=header.parent_code,
        parent_title=header.parent_title,
        addressees=header.addressees,
        letter=header.letter,
        preamble=header.preamble,
        sections=sections,
        printed_by=reader.printed_by,
        printed_on=reader.printed_on,
        full_text=full_text,
    )
