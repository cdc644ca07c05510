"""The notice's front matter: number, issuer, letter title, addressees, date, plan title."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tongnan.domain.parsing.model import Problem
from tongnan.domain.parsing.numerals import parse_date
from tongnan.domain.parsing.text import (
    COLONS,
    COMMAS,
    LPAREN,
    RPAREN,
    SEMICOLONS,
    STOPS,
    join_lines,
    quote,
)

Line = tuple[int, str]  # (1-based line number, cleaned text)

CODE_PATTERN = (
    rf"[\u4e00-\u9fff]{{1,30}}[\u3014\[\u3010{LPAREN}]\s*\d{{4}}\s*"
    rf"[\u3015\]\u3011{RPAREN}]\s*\d+\s*号"
)
CODE_RE = re.compile(CODE_PATTERN)
_HEADING_RE = re.compile(rf"(?P<code>{CODE_PATTERN})\s*[-－—–]+\s*(?P<title>.+)")
_PARENT_RE = re.compile(
    rf"《(?P<title>[^《》]+)》\s*[{LPAREN}]\s*(?P<code>{CODE_PATTERN})\s*[{RPAREN}]"
)
_DOC_TYPE_END = re.compile(r"(?:通知|决定|意见|函|办法|方案|要点|批复|报告|计划)$")
_PLAN_TYPE_END = re.compile(r"(?:要点|方案|计划|安排|意见|办法|清单|措施|细则|规划|任务)$")
_PUNCTUATION = re.compile(f"[{COMMAS}{SEMICOLONS}{COLONS}{STOPS}]")
_SENTENCE_END = re.compile(f"[{STOPS}]$")
_COLON_END = re.compile(f"[{COLONS}]$")
_ADDRESSEE_SPLIT = re.compile(f"[{COMMAS}\u3001{SEMICOLONS}]")
_NOT_ADDRESSEE = re.compile(f"[{COLONS}{STOPS}]")
_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]+)》")


@dataclass(frozen=True, slots=True)
class Header:
    """What precedes the first section; a field is None when the notice lacks it."""

    code: str | None
    title: str | None
    issuer: str | None
    issued_on: dt.date | None
    addressees: tuple[str, ...]
    letter: str
    parent_code: str | None
    parent_title: str | None
    plan_title: str | None
    preamble: str


def parse_header(lines: list[Line], body_line: int, problems: list[Problem]) -> Header:
    """Read the non-blank lines before the first section; ``body_line`` is where that starts."""
    first_line = lines[0][0] if lines else body_line
    start, code = _find_code(lines, first_line, problems)
    date_at, issued_on = _find_date(lines, start, body_line, problems)
    letter_part = lines[start:date_at]
    plan_part = lines[date_at + 1 :] if date_at < len(lines) else []
    title, issuer, addressees, letter = _read_letter(letter_part, body_line, problems)
    parent = _PARENT_RE.search(letter)
    plan_title, preamble = _read_plan_start(plan_part)
    if plan_title is None and title is not None:
        quoted = _QUOTED_TITLE.search(title)
        plan_title = quoted["title"] if quoted else None
    if plan_title is None:
        problems.append(Problem(body_line, "缺少工作方案的标题（应在成文日期之后）"))
    return Header(
        code=code,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        addressees=addressees,
        letter=letter,
        parent_code=parent["code"] if parent else None,
        parent_title=parent["title"] if parent else None,
        plan_title=plan_title,
        preamble=preamble,
    )


def _find_code(
    lines: list[Line], first_line: int, problems: list[Problem]
) -> tuple[int, str | None]:
    """Index after the document number line, and the number (from the line or the heading)."""
    start, code = 0, None
    if lines and not CODE_RE.fullmatch(lines[0][1]):
        heading = _HEADING_RE.fullmatch(lines[0][1])
        if heading is not None:
            start, code = 1, heading["code"]
    at = next((k for k in range(start, len(lines)) if CODE_RE.fullmatch(lines[k][1])), None)
    if at is None:
        if code is None:
            message = "缺少发文字号（应有“潼巩固专办发〔2025〕1号”这样的一行）"
            problems.append(Problem(first_line, message))
        return start, code
    for number, text in lines[start:at]:
        problems.append(Problem(number, f"发文字号前面有多余文字：{quote(text)}"))
    return at + 1, lines[at][1]


def _find_date(
    lines: list[Line], start: int, body_line: int, problems: list[Problem]
) -> tuple[int, dt.date | None]:
    """Index of the stand-alone issue date line (len(lines) if none) and the date."""
    for k in range(start, len(lines)):
        number, text = lines[k]
        try:
            date = parse_date(text)
        except ValueError:
            problems.append(Problem(number, f"{quote(text)}不是有效的日期"))
            return k, None
        if date is not None:
            return k, date
    problems.append(Problem(body_line, "缺少成文日期（落款后应有“2025年4月27日”这样的一行）"))
    return len(lines), None


def _read_letter(
    lines: list[Line], body_line: int, problems: list[Problem]
) -> tuple[str | None, str | None, tuple[str, ...], str]:
    """Title, issuer, addressees and letter paragraph from the lines between number and date."""
    at = next((k for k, (_, text) in enumerate(lines) if text.startswith("关于")), None)
    if at is None:
        where = lines[0][0] if lines else body_line
        problems.append(Problem(where, "缺少通知标题（应有“关于印发《……》的通知”这样的一行）"))
        issuer = lines[0][1] if lines else None
        return None, issuer, (), join_lines([text for _, text in lines[1:]])
    if at == 0:
        message = "缺少发文机关（应写在发文字号和标题之间）"
        problems.append(Problem(lines[0][0], message))
    issuer = join_lines([text for _, text in lines[:at]]) or None
    end = at + 1
    for k in range(at + 1, min(at + 4, len(lines) + 1)):
        if _DOC_TYPE_END.search(join_lines([text for _, text in lines[at:k]])):
            end = k
            break
    title = join_lines([text for _, text in lines[at:end]])
    addressees: tuple[str, ...] = ()
    for size in (1, 2):
        chunk = [text for _, text in lines[end : end + size]]
        joined = join_lines(chunk)
        if (
            len(chunk) == size
            and _COLON_END.search(joined)
            and not _NOT_ADDRESSEE.search(joined[:-1])
        ):
            names = _ADDRESSEE_SPLIT.split(joined[:-1])
            addressees = tuple(name.strip() for name in names if name.strip())
            end += size
            break
    rest = [text for _, text in lines[end:]]
    last = max((k for k, text in enumerate(rest) if _SENTENCE_END.search(text)), default=None)
    letter = join_lines(rest if last is None else rest[: last + 1])
    return title, issuer, addressees, letter


def _read_plan_start(lines: list[Line]) -> tuple[str | None, str]:
    """The plan title (possibly broken across lines) and the preamble after it."""
    parts: list[str] = []
    for _, text in lines:
        if _PUNCTUATION.search(text) or (parts and _PLAN_TYPE_END.search(join_lines(parts))):
            break
        parts.append(text)
    preamble = join_lines([text for _, text in lines[len(parts) :]])
    return (join_lines(parts) or None), preamble
