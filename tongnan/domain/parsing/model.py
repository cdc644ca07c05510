"""The parser's output: plain frozen dataclasses describing one work-plan notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from tongnan.domain.common.values import Comparator, TargetScope
from tongnan.domain.parsing.scopes import propose_scope


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not understand, with the 1-based line it is on."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line > 0 else self.message


class PlanParseError(ValueError):
    """The notice cannot be imported; ``problems`` says every reason, each with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("；".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Note:
    """An assumption the parser made (a skipped or merged line, an inferred level, a gap in the
    header): shown in the preview so the office can check it; ``line`` 0 is the whole file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line > 0 else self.message


class DeadlineKind(Enum):
    """How a task's 完成时限 reads: a date, a recurring duty, an ongoing one, or words only."""

    DATE = "DATE"
    RECURRING = "RECURRING"
    ONGOING = "ONGOING"
    TEXT = "TEXT"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A task's 完成时限 as written, and what it means."""

    text: str
    kind: DeadlineKind
    due: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind.value,
            "due": None if self.due is None else self.due.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    """A quantitative target found in a task body, e.g. 年人均纯收入不低于8700元."""

    metric: str
    comparator: Comparator
    threshold: Decimal | None
    unit_of_measure: str | None
    baseline_year: int | None
    text: str

    @property
    def scope(self) -> TargetScope:
        """The scope its wording suggests (全区…总体规模 → a district total, …)."""
        return propose_scope(self.metric, self.text, self.comparator, self.unit_of_measure)

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "comparator": self.comparator.value,
            "threshold": None if self.threshold is None else format(self.threshold, "f"),
            "unit_of_measure": self.unit_of_measure,
            "baseline_year": self.baseline_year,
            "text": self.text,
            "scope": self.scope.value,
        }


@dataclass(frozen=True, slots=True)
class ParsedTask:
    """One task with its units as written in the annotation.

    ``number`` counts the plan's tasks in document order (1, 2, …); ``label`` is the notice's
    own numbering, (一) or 1. or ①; ``path`` the headings above it, the section's first.
    ``units_open_ended`` when a unit list ends in 等 (…等部门): more units may be meant.
    """

    number: int
    label: str
    title: str
    body: str
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    targets: tuple[ParsedTarget, ...]
    line: int
    path: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: Deadline | None = None
    units_open_ended: bool = False
    unit_lines: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "path": list(self.path),
            "title": self.title,
            "body": self.body,
            "lead_units": list(self.lead_units),
            "responsible_units": list(self.responsible_units),
            "units_open_ended": self.units_open_ended,
            "leaders": list(self.leaders),
            "deadline": None if self.deadline is None else self.deadline.to_json(),
            "targets": [t.to_json() for t in self.targets],
        }

    def line_of(self, unit: str) -> int:
        """The line where ``unit`` is written (the task's own line if not recorded)."""
        return next((line for name, line in self.unit_lines if name == unit), self.line)


@dataclass(frozen=True, slots=True)
class ParsedSection:
    """One section, 一、…七、, and its tasks in order."""

    number: int
    label: str
    title: str
    tasks: tuple[ParsedTask, ...]
    line: int

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "tasks": [t.to_json() for t in self.tasks],
        }


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    """A whole notice: the issuing letter (印发通知) and the work plan (工作要点) it carries.

    ``code``, ``issuer`` and ``issued_on`` are None when the notice lacks them (a warning in
    ``notes``, not a refusal); ``notes`` lists every assumption, in line order.
    """

    code: str | None
    title: str
    plan_title: str
    issuer: str | None
    issued_on: dt.date | None
    parent_code: str | None
    parent_title: str | None
    addressees: tuple[str, ...]
    letter: str
    preamble: str
    sections: tuple[ParsedSection, ...]
    printed_by: str | None
    printed_on: dt.date | None
    full_text: str
    notes: tuple[Note, ...] = ()
    warnings: tuple[Note, ...] = ()
    source_kind: str = "txt"
    tasks: tuple[ParsedTask, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(t for s in self.sections for t in s.tasks))

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "plan_title": self.plan_title,
            "issuer": self.issuer,
            "issued_on": None if self.issued_on is None else self.issued_on.isoformat(),
            "parent_code": self.parent_code,
            "parent_title": self.parent_title,
            "addressees": list(self.addressees),
            "printed_by": self.printed_by,
            "printed_on": None if self.printed_on is None else self.printed_on.isoformat(),
            "sections": [s.to_json() for s in self.sections],
            "warnings": [str(n) for n in self.warnings],
            "notes": [str(n) for n in self.notes],
        }
