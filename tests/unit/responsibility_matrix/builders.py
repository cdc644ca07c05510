"""A small builder of PlanSnapshots by unit names, for hand-made test plans."""

from __future__ import annotations

from dataclasses import dataclass, field

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import (
    AssignmentRecord,
    MembershipRecord,
    PlanSnapshot,
    SectionRecord,
    TaskRecord,
    UnitRecord,
)

NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
]


def numeral(n: int) -> str:
    return NUMERALS[n - 1]


@dataclass
class PlanBuilder:
    """Units are added by name; ids follow insertion order (units from 1, tasks from 101)."""

    plan_id: int = 1
    code: str = "测试〔2025〕1号"
    title: str = "测试工作要点"
    units: list[UnitRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    memberships: list[MembershipRecord] = field(default_factory=list)
    assignments: list[AssignmentRecord] = field(default_factory=list)
    office_id: int | None = None
    task_base: int = 100

    def unit(
        self,
        name: str,
        kind: UnitKind = UnitKind.DEPARTMENT,
        membership: Membership = Membership.NONE,
        *,
        listed: bool = True,
    ) -> int:
        unit_id = len(self.units) + 1 + 1000 * (self.plan_id - 1)
        self.units.append(UnitRecord(unit_id, name, None, kind, membership, None, listed))
        return unit_id

    def group(self, name: str, membership: Membership = Membership.STATIC) -> int:
        return self.unit(name, UnitKind.GROUP, membership)

    def office(self, name: str = "区巩固专办") -> int:
        self.office_id = self.unit(name, UnitKind.OFFICE)
        return self.office_id

    def id_of(self, name: str) -> int:
        return next(u.id for u in self.units if u.name == name)

    def task_id(self, number: int) -> int:
        return self.task_base + number + 1000 * (self.plan_id - 1)

    def section(self, number: int, title: str) -> None:
        self.sections.append(SectionRecord(number, f"{numeral(number)}、", title))

    def task(
        self,
        number: int,
        title: str,
        leads: tuple[str, ...] | list[str],
        responsible: tuple[str, ...] | list[str],
        section: int = 1,
    ) -> int:
        task_id = self.task_id(number)
        self.tasks.append(TaskRecord(task_id, number, f"({numeral(number)})", title, section))
        for role, names in (
            (AssignmentRole.LEAD, leads),
            (AssignmentRole.RESPONSIBLE, responsible),
        ):
            for position, name in enumerate(names):
                self.assignments.append(AssignmentRecord(task_id, self.id_of(name), role, position))
        return task_id

    def member(self, group: str, *members: str, task: int | None = None) -> None:
        for name in members:
            self.memberships.append(
                MembershipRecord(
                    self.id_of(group),
                    self.id_of(name),
                    None if task is None else self.task_id(task),
                )
            )

    def snapshot(self) -> PlanSnapshot:
        return PlanSnapshot(
            plan_id=self.plan_id,
            code=self.code,
            title=self.title,
            office_id=self.office_id,
            sections=tuple(self.sections),
            tasks=tuple(self.tasks),
            units=tuple(self.units),
            memberships=tuple(self.memberships),
            assignments=tuple(self.assignments),
        )
