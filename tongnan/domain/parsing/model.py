"""The parser's output: plain frozen dataclasses describing one work-plan notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
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
    """One numbered task, (一)…(二十二), with its units as written in the annotation."""

    number: int
    label: str
    title: str
    body: str
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    targets: tuple[ParsedTarget, ...]
    line: int

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "body": self.body,
            "lead_units": list(self.lead_units),
            "responsible_units": list(self.responsible_units),
            "targets": [t.to_json() for t in self.targets],
        }


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
    """A whole notice: the issuing letter (印发通知) and the work plan (工作要点) it carries."""

    code: str
    title: str
    plan_title: str
    issuer: str
    issued_on: dt.date
    parent_code: str | None
    parent_title: str | None
    addressees: tuple[str, ...]
    letter: str
    preamble: str
    sections: tuple[ParsedSection, ...]
    printed_by: str | None
    printed_on: dt.date | None
    full_text: str
    tasks: tuple[ParsedTask, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(t for s in self.sections for t in s.tasks))

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "plan_title": self.plan_title,
            "issuer": self.issuer,
            "issued_on": self.issued_on.isoformat(),
            "parent_code": self.parent_code,
            "parent_title": self.parent_title,
            "addressees": list(self.addressees),
            "printed_by": self.printed_by,
            "printed_on": None if self.printed_on is None else self.printed_on.isoformat(),
            "sections": [s.to_json() for s in self.sections],
        }
