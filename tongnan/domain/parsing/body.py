"""The notice's body: sections 一、…, tasks (一)… with their annotations, and the 印发 line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tongnan.domain.parsing.annotation import ends_with_annotation, split_annotation
from tongnan.domain.parsing.model import ParsedSection, ParsedTask, Problem
from tongnan.domain.parsing.numerals import (
    DATE_PATTERN,
    date_from_match,
    parse_chinese_int,
    to_chinese,
)
from tongnan.domain.parsing.targets import find_targets
from tongnan.domain.parsing.text import FULL_STOP, LPAREN, RPAREN, join_lines, quote

_NUMERAL = r"[零〇一二两三四五六七八九十百]+"
SECTION_RE = re.compile(rf"(?P<num>{_NUMERAL})\s*、\s*(?P<title>.*)")
TASK_RE = re.compile(rf"[{LPAREN}]\s*(?P<num>{_NUMERAL})\s*[{RPAREN}]\s*(?P<text>.*)")
PRINTED_RE = re.compile(rf"(?P<by>.*?)\s*(?:{DATE_PATTERN})\s*印发")


@dataclass(slots=True)
class _Section:
    number: int
    label: str
    title: str
    line: int
    tasks: list[ParsedTask] = field(default_factory=list)


@dataclass(slots=True)
class _Task:
    number: int
    label: str
    line: int
    section: _Section | None
    parts: list[str]
    closed: bool = False
    done: bool = False

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.closed = ends_with_annotation(join_lines(self.parts))


class BodyReader:
    """Feed it the body's lines in order; it collects sections and records every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.sections: list[_Section] = []
        self.task: _Task | None = None
        self.last_task = 0
        self.task_count = 0
        self.printed_by: str | None = None
        self.printed_on: dt.date | None = None
        self.printed_line: int | None = None

    def feed(self, line: int, text: str) -> None:
        """Place one cleaned line (1-based number) of the body."""
        if not text:
            return
        if self.printed_line is not None:
            self._problem(line, f"“印发”那一行后面不应再有文字：{quote(text)}")
        elif match := SECTION_RE.fullmatch(text):
            self._close_task()
            self._open_section(line, match["num"], match["title"].strip())
        elif match := TASK_RE.fullmatch(text):
            self._close_task()
            self._open_task(line, match["num"], match["text"].strip())
        elif match := PRINTED_RE.fullmatch(text):
            self._close_task()
            self._printed(line, match)
        elif self.task is not None and not self.task.closed:
            self.task.add(text)
        else:
            self._problem(line, self._misplaced(text))

    def finish(self, body_line: int) -> tuple[ParsedSection, ...]:
        """Close the last task and section; return the sections (problems are recorded)."""
        self._close_task()
        self._check_last_section()
        if self.task_count == 0:
            message = "通知里一项任务也没有（应在“一、……”这样的标题下写“(一)……”这样的任务）"
            self._problem(body_line, message)
        return tuple(
            ParsedSection(s.number, s.label, s.title, tuple(s.tasks), s.line) for s in self.sections
        )

    def _problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def _misplaced(self, text: str) -> str:
        if self.task is not None:
            return f"任务{self.task.label}已用(牵头单位:…)结束，后面这段文字不知归属：{quote(text)}"
        if self.sections:
            return f"第{self.sections[-1].label}部分在第一项任务之前有多余文字：{quote(text)}"
        return f"这一行不知道属于哪部分：{quote(text)}"

    def _number(self, line: int, numeral: str, kind: str, last: int) -> int:
        try:
            return parse_chinese_int(numeral)
        except ValueError:
            self._problem(line, f"{kind}序号“{numeral}”不是汉字数字")
            return last + 1

    def _check_order(self, line: int, kind: str, name: str, number: int, last: int) -> None:
        expected = to_chinese(last + 1)
        if number > last + 1:
            message = f"{kind}{name}跳了号：这里应是{expected}"
            self._problem(line, message)
        elif number <= last:
            message = f"{kind}{name}重号或倒序：{to_chinese(last)}后面应是{expected}"
            self._problem(line, message)

    def _open_section(self, line: int, numeral: str, title: str) -> None:
        self._check_last_section()
        last = self.sections[-1].number if self.sections else 0
        number = self._number(line, numeral, "部分", last)
        self._check_order(line, "", f"第{numeral}部分", number, last)
        if not title:
            self._problem(line, f"第{numeral}部分没有标题")
        self.sections.append(_Section(number, numeral, title, line))
        self.task = None

    def _check_last_section(self) -> None:
        if self.sections and not self.sections[-1].tasks:
            section = self.sections[-1]
            self._problem(section.line, f"第{section.label}部分下面没有任务")

    def _open_task(self, line: int, numeral: str, text: str) -> None:
        label = f"({numeral})"  # canonical: half-width brackets, as the notice and DESIGN write it
        number = self._number(line, numeral, "任务", self.last_task)
        self._check_order(line, "任务", label, number, self.last_task)
        self.last_task = number
        self.task_count += 1
        section = self.sections[-1] if self.sections else None
        if section is None:
            message = f"任务{label}不在任何部分之下（前面应有“一、……”这样的标题）"
            self._problem(line, message)
        self.task = _Task(number, label, line, section, [])
        self.task.add(text)

    def _close_task(self) -> None:
        task = self.task
        if task is None or task.done:
            return
        body, annotation = split_annotation(join_lines(task.parts))
        name = f"任务{task.label}"
        if not body:
            self._problem(task.line, f"{name}没有内容")
        if annotation is None:
            message = f"{name}末尾缺少(牵头单位:…;责任单位:…)的括注"
            self._problem(task.line, message)
        elif not annotation.lead_units:
            message = f"{name}没有写牵头单位（末尾括注里应有“牵头单位:…”）"
            self._problem(task.line, message)
        parsed = ParsedTask(
            number=task.number,
            label=task.label,
            title=body.split(FULL_STOP, 1)[0].strip(),
            body=body,
            lead_units=annotation.lead_units if annotation else (),
            responsible_units=annotation.responsible_units if annotation else (),
            targets=find_targets(body),
            line=task.line,
        )
        if task.section is not None:
            task.section.tasks.append(parsed)
        task.done = task.closed = True

    def _printed(self, line: int, match: re.Match[str]) -> None:
        self.printed_line = line
        self.printed_by = match["by"].strip() or None
        try:
            self.printed_on = date_from_match(match)
        except ValueError:
            self._problem(line, f"“印发”那一行的日期不存在：{quote(match[0])}")
