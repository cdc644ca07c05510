"""What the plan documents are made from: a stored plan (four queries) or a parsed notice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.models import Assignment, Section, Task
from tongnan.domain.parsing import ParsedPlan


@dataclass(frozen=True, slots=True)
class TaskSource:
    number: int
    label: str
    title: str
    body: str
    leads: tuple[str, ...]
    responsible: tuple[str, ...]
    due_date: dt.date | None


@dataclass(frozen=True, slots=True)
class SectionSource:
    number: int
    label: str
    title: str
    tasks: tuple[TaskSource, ...]


@dataclass(frozen=True, slots=True)
class PlanSource:
    """A work plan as the documents need it; units by name, in the notice's order."""

    code: str
    title: str
    plan_title: str
    issuer: str
    issued_on: dt.date
    addressees: tuple[str, ...]
    letter: str
    preamble: str
    printed_by: str | None
    printed_on: dt.date | None
    sections: tuple[SectionSource, ...]

    @property
    def tasks(self) -> tuple[TaskSource, ...]:
        return tuple(t for s in self.sections for t in s.tasks)


def plan_source_from_parsed(plan: ParsedPlan) -> PlanSource:
    """The documents' input straight from a parsed notice (no database: bench, previews); the
    notice must carry its number, issuer and date."""
    if plan.code is None or plan.issuer is None or plan.issued_on is None:
        raise ValueError("通知缺少发文字号、发文机关或成文日期，不能直接用来生成文书")
    return PlanSource(
        code=plan.code,
        title=plan.title,
        plan_title=plan.plan_title,
        issuer=plan.issuer,
        issued_on=plan.issued_on,
        addressees=plan.addressees,
        letter=plan.letter,
        preamble=plan.preamble,
        printed_by=plan.printed_by,
        printed_on=plan.printed_on,
        sections=tuple(
            SectionSource(
                number=s.number,
                label=s.label,
                title=s.title,
                tasks=tuple(
                    TaskSource(
                        number=t.number,
                        label=t.label,
                        title=t.title,
                        body=t.body,
                        leads=t.lead_units,
                        responsible=t.responsible_units,
                        due_date=None,
                    )
                    for t in s.tasks
                ),
            )
            for s in plan.sections
        ),
    )


async def load_plan_source(code: str | None = None) -> PlanSource:
    """The stored plan ``code`` (default: the current plan) in four queries.

    Raises ``PlanNotFound`` when there is no such plan.
    """
    plan = await current_plan(code)
    sections = await Section.filter(plan_id=plan.id).order_by("number")
    tasks = await Task.filter(plan_id=plan.id).order_by("number")
    rows = (
        await Assignment.filter(task__plan_id=plan.id)
        .order_by("task_id", "role", "position", "id")
        .values_list("task_id", "role", "unit__name")
    )
    units: dict[tuple[int, AssignmentRole], list[str]] = defaultdict(list)
    for task_id, role, unit_name in rows:
        units[(int(task_id), AssignmentRole(role))].append(str(unit_name))
    by_section: dict[int, list[TaskSource]] = defaultdict(list)
    for t in tasks:
        by_section[t.section_id].append(
            TaskSource(
                number=t.number,
                label=t.label,
                title=t.title,
                body=t.body,
                leads=tuple(units[(t.id, AssignmentRole.LEAD)]),
                responsible=tuple(units[(t.id, AssignmentRole.RESPONSIBLE)]),
                due_date=t.due_date,
            )
        )
    return PlanSource(
        code=plan.code,
        title=plan.title,
        plan_title=plan.plan_title,
        issuer=plan.issuer,
        issued_on=plan.issued_on,
        addressees=tuple(plan.addressees),
        letter=plan.letter,
        preamble=plan.preamble,
        printed_by=plan.printed_by,
        printed_on=plan.printed_on,
        sections=tuple(
            SectionSource(s.number, s.label, s.title, tuple(by_section[s.id])) for s in sections
        ),
    )
