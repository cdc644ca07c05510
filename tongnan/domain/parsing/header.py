"""The notice's front matter, each part optional and in any order: a red-header issuer line
(…文件), the document number (alone, or before / after / glued to the title), the title
(关于…的通知, possibly wrapped), 主送 / addressees, the letter, its signature and date, then the
plan's own title and preamble. A missing part is a warning (a Note), not a refusal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tongnan.domain.parsing.furniture import is_copy_mark
from tongnan.domain.parsing.model import Note, Problem
from tongnan.domain.parsing.numerals import DATE_PATTERN, parse_date
from tongnan.domain.parsing.outline import heading_like
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
_CODE_AT_EDGE = re.compile(
    rf"^[{LPAREN}\[]?\s*(?P<a>{CODE_PATTERN})\s*[{RPAREN}\]]?\s*[-－—–]*\s*(?P<rest>.*)$"
    rf"|^(?P<before>.*?)\s*[-－—–]*\s*[{LPAREN}\[]?\s*(?P<b>{CODE_PATTERN})\s*[{RPAREN}\]]?$"
)
_PARENT_RE = re.compile(
    rf"《(?P<title>[^《》]+)》\s*[{LPAREN}]\s*(?P<code>{CODE_PATTERN})\s*[{RPAREN}]"
)
_DOC_TYPE_WORD = re.compile(r"通知|决定|意见|办法|方案|要点|批复|报告|计划|清单|安排")
_DOC_TYPE_END = re.compile(r"(?:通知|决定|意见|函|办法|方案|要点|批复|报告|计划|清单|安排)$")
_PLAN_TYPE_END = re.compile(r"(?:要点|方案|计划|安排|意见|办法|清单|措施|细则|规划|任务|台账)$")
_PUNCTUATION = re.compile(f"[{COMMAS}{SEMICOLONS}{COLONS}{STOPS}]")
_SENTENCE_END = re.compile(f"[{STOPS}]$")
_ADDRESSEE_SPLIT = re.compile(f"[{COMMAS}\u3001{SEMICOLONS}]")
_NOT_ADDRESSEE = re.compile(f"[{COLONS}{STOPS}]")
_MAIN_TO = re.compile(rf"主\s*送\s*[{COLONS}]\s*(?P<names>.*?)[\u3002.]?$")
_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]+)》")
_DATED_RE = re.compile(rf"(?P<by>.*?)\s*[{LPAREN}]?\s*(?P<date>{DATE_PATTERN})\s*[{RPAREN}]?")
_RED_HEADER = re.compile(r"文\s*件$")


@dataclass(frozen=True, slots=True)
class Header:
    """What precedes the body; a field is None when the notice lacks it."""

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


class _Front:
    def __init__(self, lines: list[Line], problems: list[Problem], notes: list[Note]) -> None:
        self.lines = lines
        self.used = [False] * len(lines)
        self.problems = problems
        self.notes = notes

    def text(self, k: int) -> str:
        return self.lines[k][1]

    def free(self, start: int = 0, end: int | None = None) -> list[int]:
        stop = len(self.lines) if end is None else end
        return [k for k in range(start, stop) if not self.used[k]]


def parse_header(
    lines: list[Line],
    body_line: int,
    problems: list[Problem],
    notes: list[Note],
    warnings: list[Note],
) -> Header:
    """Read the non-blank lines before the body; ``body_line`` is where the body starts."""
    front = _Front(lines, problems, notes)
    for k, (number, text) in enumerate(lines):
        if is_copy_mark(text):
            front.used[k] = True
            notes.append(Note(number, f"文件的紧急程度或公开属性，已略去：{quote(text)}"))
    code, glued = _find_code(front)
    title_at, title_end, title = _find_title(front, glued)
    issuer = _find_issuer(front, title_at)
    addressees = _find_addressees(front, title_end)
    date_at, issued_on = _find_date(front, title_end)
    if issuer is None and date_at is not None:
        issuer = _signature(front, date_at)
    plan_title: str | None = None
    preamble_lines: list[str] = []
    if date_at is not None:
        letter_lines = _letter(front, title_end, date_at)
        plan_title, preamble_lines = _plan_title(front, date_at + 1)
    elif title is not None:
        letter_lines = _letter(front, title_end, len(lines))
        preamble_lines = [front.text(k) for k in front.free()]
    else:
        letter_lines = []
        plan_title, preamble_lines = _plan_title(front, 0)
    for k in front.free():
        front.used[k] = True
    letter = join_lines(letter_lines)
    parent = _PARENT_RE.search(letter)
    if plan_title is None and title is not None:
        quoted = _QUOTED_TITLE.search(title)
        plan_title = quoted["title"] if quoted else title
    first = lines[0][0] if lines else body_line
    if code is None:
        warnings.append(
            Note(
                first,
                "没有找到发文字号（如“潼巩固专办发〔2025〕1号”），"
                "导入时请填写发文字号（命令行用 --code）",
            )
        )
    if title is None:
        warnings.append(Note(first, "没有找到通知标题（“关于……的通知”），用工作方案的标题代替"))
    if issuer is None:
        warnings.append(Note(first, "没有找到发文机关"))
    if issued_on is None and date_at is None:
        warnings.append(Note(first, "没有找到成文日期"))
    if plan_title is None:
        warnings.append(Note(body_line, "没有找到工作方案的标题"))
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
        preamble=join_lines(preamble_lines),
    )


def _find_code(front: _Front) -> tuple[str | None, Line | None]:
    """The document number, and the title text glued to it on its line (if any)."""
    code: str | None = None
    glued: Line | None = None
    for k, (number, text) in enumerate(front.lines):
        if front.used[k] or len(text) > 90:
            continue
        match = _CODE_AT_EDGE.match(text)
        if match is None:
            continue
        found = match["a"] or match["b"]
        rest = (match["rest"] if match["a"] else match["before"]) or ""
        rest = rest.strip(f" -－—–{LPAREN}{RPAREN}")
        if rest and _PUNCTUATION.search(rest):
            continue
        if match["b"]:  # 关于…的通知潼府办发〔2025〕3号: the title's last word is not the issuer's
            cut = list(_DOC_TYPE_WORD.finditer(found[: found.index("〔") if "〔" in found else 0]))
            if cut:
                rest = (rest + found[: cut[-1].end()]).strip(f" -－—–{LPAREN}{RPAREN}")
                found = found[cut[-1].end() :]
        front.used[k] = True
        if code is None:
            code = "".join(found.split())
        if rest and glued is None:
            glued = (number, rest)
    return code, glued


def _find_title(front: _Front, glued: Line | None) -> tuple[int, int, str | None]:
    """(index of the title's first line, index after it, the title); the glued title counts
    when no line of its own starts with 关于."""
    for k in front.free():
        if not front.text(k).startswith("关于"):
            continue
        end = k + 1
        for stop in range(k + 1, min(k + 4, len(front.lines)) + 1):
            if _DOC_TYPE_END.search(join_lines([front.text(j) for j in range(k, stop)])):
                end = stop
                break
        title = join_lines([front.text(j) for j in range(k, end)])
        if end - k > 1:
            front.notes.append(
                Note(front.lines[k + 1][0], f"标题被折成了几行，已合并：{quote(title)}")
            )
        for j in range(k, end):
            front.used[j] = True
        return k, end, title
    if glued is not None:
        at = next(k for k, line in enumerate(front.lines) if line[0] == glued[0])
        title, end = glued[1], at + 1
        while not _DOC_TYPE_END.search(title) and end < len(front.lines) and end - at < 4:
            nxt = front.text(end)
            if front.used[end] or not heading_like(nxt):
                break
            title = join_lines([title, nxt])
            front.used[end] = True
            end += 1
        if _DOC_TYPE_END.search(title) or title.startswith("关于"):
            return at, end, title
    return 0, 0, None


def _find_issuer(front: _Front, title_at: int) -> str | None:
    """The issuing office: the name lines right above the title, else the red header (…文件)
    without its 文件."""
    picked: list[int] = []
    k = title_at - 1
    while k >= 0 and not front.used[k] and _plain(front.text(k)):
        picked.insert(0, k)
        k -= 1
    joined = join_lines([front.text(j) for j in picked])
    red = [j for j in front.free(0, title_at) if _plain(front.text(j))]
    red_text = join_lines([front.text(j) for j in red])
    for j in red:
        front.used[j] = True
    if joined and not _RED_HEADER.search(joined):
        return joined
    return _RED_HEADER.sub("", red_text).strip() or None


def _find_addressees(front: _Front, title_end: int) -> tuple[str, ...]:
    for k in front.free():
        match = _MAIN_TO.fullmatch(front.text(k))
        if match:
            front.used[k] = True
            return _names(match["names"])
    for size in (1, 2):
        ks = front.free(title_end)[:size]
        if len(ks) < size or ks != list(range(ks[0], ks[0] + size)):
            continue
        joined = join_lines([front.text(k) for k in ks])
        if joined[-1:] in COLONS and not _NOT_ADDRESSEE.search(joined[:-1]):
            for k in ks:
                front.used[k] = True
            return _names(joined[:-1])
    return ()


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in _ADDRESSEE_SPLIT.split(text) if name.strip())


def _find_date(front: _Front, start: int) -> tuple[int | None, dt.date | None]:
    """Index of the issue-date line, and the date (a signature before it on the line is the
    issuer's, read by ``_signature``)."""
    for k in front.free(start) or front.free():
        number, text = front.lines[k]
        match = _DATED_RE.fullmatch(text)
        if match is None or (match["by"] and not _plain(match["by"])):
            continue
        front.used[k] = True
        try:
            date = parse_date(match["date"])
        except ValueError:
            front.problems.append(Problem(number, f"{quote(text)}不是有效的日期"))
            return k, None
        if match["by"]:
            front.lines[k] = (number, match["by"])
            front.used[k] = False
        return k, date
    return None, None


def _signature(front: _Front, date_at: int) -> str | None:
    """The signature above (or on) the date line: its short lines, joined."""
    picked: list[int] = []
    k = date_at
    if not front.used[k]:
        picked.append(k)
    k -= 1
    while k >= 0 and not front.used[k] and _plain(front.text(k)) and len(picked) < 3:
        picked.insert(0, k)
        k -= 1
    lines = [front.text(j) for j in picked if not _bracketed(front.text(j))]
    for j in picked:
        front.used[j] = True
    return join_lines(lines) or None


def _bracketed(text: str) -> bool:
    return text[:1] in LPAREN and text[-1:] in RPAREN


def _letter(front: _Front, start: int, end: int) -> list[str]:
    """The letter's paragraphs: the free lines up to the last one ending a sentence (what
    follows is the signature)."""
    ks = front.free(start, end)
    last = max((i for i, k in enumerate(ks) if _SENTENCE_END.search(front.text(k))), default=-1)
    for k in ks:
        front.used[k] = True
    return [front.text(k) for k in ks[: last + 1]]


def _plain(text: str) -> bool:
    """A line of a name (issuer, signature): no sentence punctuation, not too long."""
    return 2 <= len(text) <= 60 and _PUNCTUATION.search(text) is None


def _plan_title(front: _Front, start: int) -> tuple[str | None, list[str]]:
    """The plan's title (possibly wrapped) from ``start``, and the preamble after it."""
    rest = front.free(start)
    parts: list[str] = []
    for k in rest:
        text = front.text(k)
        if _PUNCTUATION.search(text) or (parts and _PLAN_TYPE_END.search(join_lines(parts))):
            break
        parts.append(text)
    if len(parts) > 1:
        front.notes.append(
            Note(front.lines[rest[1]][0], f"标题被折成了几行，已合并：{quote(join_lines(parts))}")
        )
    for k in rest:
        front.used[k] = True
    preamble = [front.text(k) for k in rest[len(parts) :]]
    return (join_lines(parts) or None), preamble
