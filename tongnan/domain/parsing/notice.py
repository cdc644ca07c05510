"""Entry points: decode a text file's bytes; parse a notice's text, or any reader's lines,
into a ParsedPlan (furniture dropped, header read, body outlined, deadlines dated)."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata

from tongnan.domain.parsing.annotation import Annotation
from tongnan.domain.parsing.body import BodyReader, RawTask, body_start
from tongnan.domain.parsing.deadlines import parse_deadline
from tongnan.domain.parsing.furniture import is_furniture
from tongnan.domain.parsing.header import parse_header
from tongnan.domain.parsing.lines import SourceDocument, SourceLine, text_document
from tongnan.domain.parsing.model import (
    Note,
    ParsedPlan,
    ParsedSection,
    ParsedTask,
    PlanParseError,
    Problem,
)
from tongnan.domain.parsing.targets import find_targets
from tongnan.domain.parsing.text import FULL_STOP, quote

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


def parse_notice(text: str, *, code: str | None = None) -> ParsedPlan:
    """Parse a whole notice's text; raise PlanParseError listing every problem with its line."""
    return parse_document(text_document(text), code=code)


def parse_document(document: SourceDocument, *, code: str | None = None) -> ParsedPlan:
    """Parse a file's lines (from any reader) into a plan; ``code`` stands in for (or
    overrides) the document number. Raises PlanParseError listing every problem."""
    problems: list[Problem] = []
    notes: list[Note] = []
    warnings: list[Note] = []
    lines: list[SourceLine] = []
    for line in document.lines:
        if line.cells is None and is_furniture(line.text):
            notes.append(Note(line.number, f"网页或PDF的版面文字，已略去：{quote(line.text)}"))
        else:
            lines.append(line)
    body_at = body_start(lines)
    last = lines[-1].number if lines else 1
    body_line = lines[body_at].number if body_at < len(lines) else last
    front = [(ln.number, ln.text) for ln in lines[:body_at] if ln.text]
    header = parse_header(front, body_line, problems, notes, warnings)
    reader = BodyReader(problems, notes)
    for line in lines[body_at:]:
        reader.feed(line)
    raw = reader.finish(body_line)
    year = _plan_year(header.issued_on, header.plan_title, header.code)
    plan_title = header.plan_title or header.title or ""
    sections = _sections(raw, plan_title, year, problems, notes)
    if problems:
        problems.sort(key=lambda problem: problem.line)
        raise PlanParseError(problems)
    chosen = code.strip() if code and code.strip() else header.code
    if code and header.code and chosen != header.code:
        notes.append(Note(0, f"通知上的发文字号是“{header.code}”，按指定的“{chosen}”导入"))
    if code and not header.code:
        warnings[:] = [w for w in warnings if "发文字号" not in w.message]
    return ParsedPlan(
        code=chosen,
        title=header.title or plan_title,
        plan_title=plan_title,
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
        full_text=document.full_text,
        notes=tuple(sorted(notes, key=lambda note: note.line)),
        warnings=tuple(warnings),
        source_kind=document.kind,
    )


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CODE_YEAR = re.compile(r"[\u3014\[\u3010(\uff08]\s*((?:19|20)\d{2})")


def _plan_year(issued_on: dt.date | None, title: str | None, code: str | None) -> int | None:
    """The year deadlines without one (6月底前) fall in: the plan title's, else the number's,
    else the issue date's."""
    if title and (match := _YEAR.search(title)):
        return int(match[1])
    if code and (match := _CODE_YEAR.search(code)):
        return int(match[1])
    return issued_on.year if issued_on else None


def _sections(
    raw: list[RawTask],
    plan_title: str,
    year: int | None,
    problems: list[Problem],
    notes: list[Note],
) -> tuple[ParsedSection, ...]:
    grouped: dict[object, tuple[tuple[object, str, str, int], list[ParsedTask]]] = {}
    for number, task in enumerate(raw, 1):
        key = task.section[0]
        if key not in grouped:
            grouped[key] = (task.section, [])
        grouped[key][1].append(_task(number, task, year, problems))
    if any(key == ("none",) for key in grouped) and raw:
        notes.append(Note(raw[0].line, "通知没有分部分：任务都归在以工作方案标题为名的一个部分里"))
    return tuple(
        ParsedSection(k, label, title or plan_title, tuple(tasks), line)
        for k, ((_, label, title, line), tasks) in enumerate(grouped.values(), 1)
    )


def _task(number: int, raw: RawTask, year: int | None, problems: list[Problem]) -> ParsedTask:
    annotation = raw.annotation or Annotation()
    deadline = None
    if annotation.deadline:
        try:
            deadline = parse_deadline(annotation.deadline, year)
        except ValueError:
            message = f"任务{raw.label}的完成时限里有不存在的日期：{quote(annotation.deadline)}"
            problems.append(Problem(raw.line, message))
    title = raw.text.split(FULL_STOP, 1)[0].strip()
    return ParsedTask(
        number=number,
        label=(raw.label or str(number))[:32],
        title=title,
        body=raw.text,
        lead_units=annotation.lead_units,
        responsible_units=annotation.responsible_units,
        targets=find_targets(raw.text),
        line=raw.line,
        path=raw.path,
        leaders=annotation.leaders,
        deadline=deadline,
        units_open_ended=annotation.open_ended,
        unit_lines=raw.unit_lines,
    )
