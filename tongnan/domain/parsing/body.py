"""The notice's body read as an outline: numbered headings at any of the usual levels, the
level whose items carry duty annotations being the tasks, the levels above their path; task
tables; the 印发 line at the end. Every problem and every assumption names its line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tongnan.domain.parsing.annotation import (
    Annotation,
    ends_with_annotation,
    key_line,
    split_annotation,
)
from tongnan.domain.parsing.lines import SourceLine
from tongnan.domain.parsing.model import Note, Problem
from tongnan.domain.parsing.numerals import DATE_PATTERN, date_from_match
from tongnan.domain.parsing.outline import (
    Heading,
    Scheme,
    heading_like,
    match_heading,
    write_number,
)
from tongnan.domain.parsing.table import Columns, read_header, read_row
from tongnan.domain.parsing.text import FULL_STOP, LPAREN, RPAREN, join_lines, quote

PRINTED_RE = re.compile(rf"(?P<by>.*?)\s*(?:{DATE_PATTERN})\s*印发")
_COPIED_TO = re.compile(r"抄\s*送\s*[:：]")
_OPENERS = f"{LPAREN}\u3010[\uff3b"
_CLOSERS = f"{RPAREN}\u3011]\uff3d"


@dataclass(eq=False, slots=True)
class Item:
    """A numbered heading and the lines under it (before its first numbered child)."""

    heading: Heading
    line: int
    parent: Item | None
    parts: list[tuple[int, str]] = field(default_factory=list)
    children: list[Item | TableTask] = field(default_factory=list)

    @property
    def scheme(self) -> Scheme:
        return self.heading.scheme

    @property
    def title(self) -> str:
        return self.heading.rest.split(FULL_STOP, 1)[0].strip()

    def ancestors(self) -> list[Item]:
        out: list[Item] = []
        node = self.parent
        while node is not None:
            out.insert(0, node)
            node = node.parent
        return out


@dataclass(eq=False, slots=True)
class TableTask:
    """A row of a task table, already split into its cells."""

    line: int
    label: str
    text: str
    category: str
    annotation: Annotation
    parent: Item | None


@dataclass(frozen=True, slots=True)
class RawTask:
    """A task as the body found it: text, annotation, where it sits."""

    line: int
    label: str
    text: str
    annotation: Annotation | None
    section: tuple[object, str, str, int]  # (key, label, title, line)
    path: tuple[str, ...]
    unit_lines: tuple[tuple[str, int], ...]


def _open_bracket(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
    return depth > 0


def body_start(lines: list[SourceLine]) -> int:
    """Index of the first line of the body: the first numbered heading or table row, less the
    unnumbered sub-headings right before it."""
    at = next(
        (k for k, line in enumerate(lines) if line.cells is not None or match_heading(line.text)),
        len(lines),
    )
    while at > 0 and lines[at - 1].cells is None and heading_like(lines[at - 1].text):
        before = next((ln.text for ln in reversed(lines[: at - 1]) if ln.text), "")
        if not before.endswith(("。", "：", ":")):
            break
        at -= 1
    return at


class BodyReader:
    """Feed it the body's lines; ``finish`` returns the tasks, recording problems and notes."""

    def __init__(self, problems: list[Problem], notes: list[Note]) -> None:
        self.problems = problems
        self.notes = notes
        self.roots: list[Item | TableTask] = []
        self.stack: list[Item] = []
        self.preface: list[tuple[int, str]] = []
        self.items: list[Item] = []
        self.table: Columns | None = None
        self.printed_by: str | None = None
        self.printed_on: dt.date | None = None
        self.printed_line: int | None = None
        self.category = ""

    # -- pass 1: the outline ------------------------------------------------------------
    def feed(self, line: SourceLine) -> None:
        text = line.text
        if line.cells is not None:
            self._row(line)
            return
        if not text:
            return
        if self.printed_line is not None:
            self.problems.append(
                Problem(line.number, f"“印发”那一行后面不应再有文字：{quote(text)}")
            )
        elif heading := match_heading(text):
            self._heading(line.number, heading)
        elif match := PRINTED_RE.fullmatch(text):
            self._printed(line.number, match)
        elif _COPIED_TO.match(text):
            self.notes.append(Note(line.number, f"版记里的抄送，已略去：{quote(text)}"))
        else:
            (self.stack[-1].parts if self.stack else self.preface).append((line.number, text))

    def _heading(self, number: int, heading: Heading) -> None:
        while self.stack and self.stack[-1].scheme.rank >= heading.scheme.rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        item = Item(heading, number, parent, [(number, heading.rest)] if heading.rest else [])
        (parent.children if parent else self.roots).append(item)
        self.stack.append(item)
        self.items.append(item)

    def _row(self, line: SourceLine) -> None:
        assert line.cells is not None
        if self.table is None:
            self.table = read_header(line.cells)
            if self.table is None:
                self.notes.append(
                    Note(line.number, f"表格里这一行不是任务表，已略去：{quote(line.text)}")
                )
            return
        row = read_row(self.table, line.cells)
        if row.category:
            self.category = row.category
        if not row.text and not row.annotation.names_units:
            if not row.category and row.label:
                self.category = row.label  # a heading row written in the number column
            return
        parent = self.stack[-1] if self.stack else None
        task = TableTask(line.number, row.label, row.text, self.category, row.annotation, parent)
        (parent.children if parent else self.roots).append(task)

    def _printed(self, number: int, match: re.Match[str]) -> None:
        self.printed_line = number
        by = match["by"].strip()
        holder = self.stack[-1].parts if self.stack else self.preface
        if not by and holder and heading_like(holder[-1][1]):
            at, by = holder.pop()
            self.notes.append(Note(at, f"“印发”一行被折成了两行，已合并：{quote(by)}"))
        self.printed_by = by or None
        try:
            self.printed_on = date_from_match(match)
        except ValueError:
            self.problems.append(Problem(number, f"“印发”那一行的日期不存在：{quote(match[0])}"))

    # -- pass 2: which level is the tasks', and the tasks -----------------------------------
    def finish(self, body_line: int) -> list[RawTask]:
        """The tasks in document order; problems and notes are recorded."""
        rank = self._task_rank()
        self._check_numbers()
        tasks: list[RawTask] = []
        sub = self._loose_lines(self.preface, None)
        self._container(self.roots, rank, (), None, sub, tasks)
        self._levels_note(rank)
        if not tasks:
            message = (
                "通知里一项任务也没有（应有写明牵头单位或责任单位的任务，如“(一)……(牵头单位:…)”）"
            )
            self.problems.append(Problem(body_line, message))
        return tasks

    def _levels_note(self, rank: int | None) -> None:
        """Say which numbering was read as the tasks and which as the headings above them."""
        first: dict[int, Item] = {}
        for item in self.items:
            first.setdefault(item.scheme.rank, item)
        if rank is None or rank not in first:
            return
        above = "、".join(f"“{first[r].heading.label}”" for r in sorted(first) if r < rank)
        below = "、".join(f"“{first[r].heading.label}”" for r in sorted(first) if r > rank)
        message = f"带牵头或责任单位的“{first[rank].heading.label}”这一级读作任务"
        if above:
            message += f"，{above}读作所属部分和标题"
        if below:
            message += f"，{below}读作任务正文里的分项"
        self.notes.append(Note(0, message))

    def _annotated(self, item: Item) -> bool:
        texts: list[str] = []
        for _, text in item.parts:
            if key_line(text) is not None and not _open_bracket(join_lines(texts)):
                return True
            texts.append(text)
            if ends_with_annotation(join_lines(texts)):
                return True
        return False

    def _task_rank(self) -> int | None:
        counts: dict[int, int] = {}
        for item in self.items:
            if self._annotated(item):
                counts[item.scheme.rank] = counts.get(item.scheme.rank, 0) + 1
        if counts:
            return max(counts, key=lambda r: (counts[r], r))
        ranks = {item.scheme.rank for item in self.items}
        has_table = any(isinstance(n, TableTask) for n in self._all_nodes())
        if has_table or len(ranks) < 2:
            return None
        return max(ranks)

    def _all_nodes(self) -> list[Item | TableTask]:
        out: list[Item | TableTask] = []
        todo = list(reversed(self.roots))
        while todo:
            node = todo.pop()
            out.append(node)
            if isinstance(node, Item):
                todo.extend(reversed(node.children))
        return out

    def _check_numbers(self) -> None:
        last_in: dict[tuple[int, int], int] = {}
        last_any: dict[int, int] = {}
        for item in self.items:
            rank = item.scheme.rank
            key = (id(item.parent), rank)
            number = item.heading.number
            before = last_in.get(key)
            label = item.heading.label
            name = f"第{item.heading.numeral}部分" if rank == 0 else label
            kind = "" if rank == 0 else "任务"
            if before is None:
                fine = number == 1 or number == last_any.get(rank, 0) + 1
                expected = last_any.get(rank, 0) + 1
            else:
                fine = number == before + 1
                expected = before + 1
            last = before if before is not None else last_any.get(rank)
            if not fine:
                want = write_number(item.scheme, expected)
                if last is not None and number <= last:
                    was = write_number(item.scheme, last)
                    again = "（或从头重新编号）" if before is None else ""
                    message = f"{kind}{name}重号或倒序：{was}后面应是{want}{again}"
                else:
                    message = f"{kind}{name}跳了号：这里应是{want}"
                self.problems.append(Problem(item.line, message))
            last_in[key] = number
            last_any[rank] = number

    def _loose_lines(self, parts: list[tuple[int, str]], where: str | None) -> str | None:
        """Lines under a heading before its first numbered child: the last short one is a
        sub-heading for what follows, the rest explanation that is left out (with a note)."""
        sub: str | None = None
        for line, text in parts:
            if heading_like(text):
                sub = text
                self.notes.append(Note(line, f"没有编号的一行当作小标题：{quote(text)}"))
            else:
                place = f"{where}的" if where else "正文开头的"
                self.notes.append(Note(line, f"{place}说明文字，不是任务，已略去：{quote(text)}"))
        return sub

    def _container(
        self,
        children: list[Item | TableTask],
        rank: int | None,
        path: tuple[str, ...],
        section: tuple[object, str, str, int] | None,
        sub: str | None,
        tasks: list[RawTask],
    ) -> None:
        for child in children:
            sub_path = (*path, sub) if sub else path
            if isinstance(child, TableTask):
                tasks.append(self._table_task(child, sub_path, section, sub))
            elif rank is None or child.scheme.rank < rank:
                title, rest = self._heading_title(child)
                if section is None and rank is not None and self._prose_only(child, rank):
                    where = f"第{child.heading.numeral}部分"
                    message = f"{where}“{title}”里没有一项写明责任单位，当作说明略去"
                    self.notes.append(Note(child.line, message))
                    continue
                if section is None and not title:
                    self.problems.append(
                        Problem(child.line, f"第{child.heading.numeral}部分没有标题")
                    )
                where = (
                    f"第{child.heading.numeral}部分"
                    if child.scheme.rank == 0
                    else child.heading.label
                )
                inner_sub = self._loose_lines(rest, where)
                own = section or (child, child.heading.numeral, title, child.line)
                count = len(tasks)
                self._container(child.children, rank, (*path, title), own, inner_sub, tasks)
                if section is None and len(tasks) == count:
                    if not rest and not child.children:
                        message = f"第{child.heading.numeral}部分下面没有任务"
                        self.problems.append(Problem(child.line, message))
                    else:
                        message = f"{where}“{title}”下面没有写明责任单位的任务，当作说明略去"
                        self.notes.append(Note(child.line, message))
                sub = None
            elif child.scheme.rank == rank:
                if section is None and any(i.scheme.rank < rank for i in self.items):
                    message = (
                        f"任务{child.heading.label}不在任何部分之下（前面应有“一、……”这样的标题）"
                    )
                    self.problems.append(Problem(child.line, message))
                task, trailing = self._task(child, sub_path, section, sub)
                tasks.append(task)
                if trailing is not None:
                    sub = trailing
            else:
                what = quote(child.heading.rest)
                message = f"“{child.heading.label}”这一条不在任何任务之下，已略去：{what}"
                self.notes.append(Note(child.line, message))

    def _prose_only(self, item: Item, rank: int) -> bool:
        """A part with items at the task level, none of them (nor any table row) annotated:
        总体要求 / 保障措施 written as numbered paragraphs."""
        todo: list[Item | TableTask] = list(item.children)
        at_rank = False
        while todo:
            node = todo.pop()
            if isinstance(node, TableTask):
                return False
            if node.scheme.rank == rank:
                at_rank = True
                if self._annotated(node) or any(
                    isinstance(c, Item) and self._annotated(c) for c in node.children
                ):
                    return False
            todo.extend(node.children)
        return at_rank and len(self.roots) > 1

    def _section_of(
        self,
        section: tuple[object, str, str, int] | None,
        sub: str | None,
        line: int,
        category: str = "",
    ) -> tuple[object, str, str, int]:
        if section is not None:
            return section
        if sub:
            return (("sub", sub), "", sub, line)
        if category:
            return (("category", category), "", category, line)
        return (("none",), "", "", line)

    def _heading_title(self, item: Item) -> tuple[str, list[tuple[int, str]]]:
        title = item.title
        rest = item.parts[1:] if item.heading.rest else list(item.parts)
        if (
            rest
            and len(title) >= 12
            and heading_like(title)
            and len(rest[0][1]) <= 8
            and heading_like(rest[0][1])
        ):
            line, more = rest.pop(0)
            title = join_lines([title, more])
            self.notes.append(Note(line, f"标题被折成了两行，已合并：{quote(title)}"))
        return title, rest

    def _table_task(
        self,
        row: TableTask,
        path: tuple[str, ...],
        section: tuple[object, str, str, int] | None,
        sub: str | None,
    ) -> RawTask:
        if row.category:
            path = (*path, row.category)
        label = row.label or ""
        unit_lines = tuple(
            (n, row.line) for n in (*row.annotation.lead_units, *row.annotation.responsible_units)
        )
        self._check_annotation(row.line, f"第{row.line}行的任务", row.text, row.annotation)
        return RawTask(
            row.line,
            label,
            row.text,
            row.annotation,
            self._section_of(section, sub, row.line, row.category),
            path,
            unit_lines,
        )

    def _flatten(self, item: Item) -> list[tuple[int, str]]:
        parts = list(item.parts)
        for child in item.children:
            if isinstance(child, Item):
                inner = self._flatten(child)
                if child.heading.rest:
                    inner = [(child.line, child.heading.label + child.heading.rest), *inner[1:]]
                else:
                    inner = [(child.line, child.heading.label), *inner]
                parts.extend(inner)
        return parts

    def _task(
        self,
        item: Item,
        path: tuple[str, ...],
        section: tuple[object, str, str, int] | None,
        sub: str | None,
    ) -> tuple[RawTask, str | None]:
        label = item.heading.label
        name = f"任务{label}"
        parts = self._flatten(item)
        texts: list[str] = []
        key_texts: list[tuple[int, str]] = []
        closed_at: int | None = None
        trailing: str | None = None
        for line, text in parts:
            if closed_at is None and (_open_bracket(join_lines(texts)) or key_line(text) is None):
                texts.append(text)
                if ends_with_annotation(join_lines(texts)):
                    closed_at = line
                continue
            if key_line(text) is not None:
                closed_at = closed_at or line
                key_texts.append((line, text))
                continue
            if key_texts and len(text) <= 12 and not key_texts[-1][1].endswith(("。", "；", ";")):
                self.notes.append(Note(line, f"被折断的一行接到上一行：{quote(text)}"))
                key_texts[-1] = (key_texts[-1][0], key_texts[-1][1] + text)
                continue
            if heading_like(text):
                trailing = text
                self.notes.append(Note(line, f"没有编号的一行当作小标题：{quote(text)}"))
            else:
                message = f"{name}已用(牵头单位:…)结束，后面这段文字不知归属：{quote(text)}"
                self.problems.append(Problem(line, message))
        if len(texts) > 1:
            lines = f"第{parts[0][0]}–{parts[len(texts) - 1][0]}行"
            self.notes.append(Note(item.line, f"{name}折成了{len(texts)}行（{lines}），已合并"))
        body, annotation = split_annotation(join_lines(texts))
        unit_lines: list[tuple[str, int]] = []
        if annotation is not None:
            at = closed_at or item.line
            unit_lines.extend(
                (n, at) for n in (*annotation.lead_units, *annotation.responsible_units)
            )
        for line, text in key_texts:
            found = key_line(text)
            if found is None:
                continue
            unit_lines.extend((n, line) for n in (*found.lead_units, *found.responsible_units))
            annotation = found if annotation is None else annotation.merged(found)
        if not body:
            self.problems.append(Problem(item.line, f"{name}没有内容"))
        self._check_annotation(item.line, name, body, annotation)
        raw = RawTask(
            item.line,
            label,
            body,
            annotation,
            self._section_of(section, sub, item.line),
            path,
            tuple(unit_lines),
        )
        return raw, trailing

    def _check_annotation(
        self, line: int, name: str, body: str, annotation: Annotation | None
    ) -> None:
        if annotation is None:
            message = f"{name}末尾缺少(牵头单位:…;责任单位:…)的括注"
            self.problems.append(Problem(line, message))
            return
        for key in annotation.empty_keys:
            if "领导" not in key:
                self.problems.append(Problem(line, f"{name}没有写{key}（“{key}:”后面是空的）"))
        if not annotation.names_units and not annotation.empty_keys:
            message = f"{name}没有写牵头单位或责任单位"
            self.problems.append(Problem(line, message))
