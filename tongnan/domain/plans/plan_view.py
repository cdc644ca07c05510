"""Read side: one plan and the directory, loaded in a fixed handful of set-based queries.

The API hands these plain objects to its resolvers, so the number of round trips per request
does not grow with the number of tasks or units returned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.models import (
    Assignment,
    GroupMember,
    RectificationItem,
    Section,
    Target,
    Task,
    Unit,
    UnitAlias,
    WorkPlan,
)
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.plans.plan_snapshot import (
    AssignmentRecord,
    MembershipRecord,
    PlanSnapshot,
    SectionRecord,
    TaskRecord,
    UnitRecord,
)

ROLE_ORDER = {AssignmentRole.LEAD: 0, AssignmentRole.RESPONSIBLE: 1}


@dataclass(slots=True)
class PlanView:
    plan: WorkPlan
    sections: list[Section]
    tasks: list[Task]
    assignments: list[Assignment]
    targets: list[Target]
    units: list[Unit]
    aliases: list[UnitAlias]
    memberships: list[GroupMember]
    sections_by_id: dict[int, Section] = field(init=False)
    tasks_by_id: dict[int, Task] = field(init=False)
    tasks_by_number: dict[int, Task] = field(init=False)
    tasks_of_section: dict[int, list[Task]] = field(init=False)
    assignments_of_task: dict[int, list[Assignment]] = field(init=False)
    assignments_of_unit: dict[int, list[Assignment]] = field(init=False)
    targets_of_task: dict[int, list[Target]] = field(init=False)
    units_by_id: dict[int, Unit] = field(init=False)
    units_by_name: dict[str, Unit] = field(init=False)
    members_of: dict[int, list[GroupMember]] = field(init=False)
    groups_of: dict[int, list[GroupMember]] = field(init=False)

    def __post_init__(self) -> None:
        self.sections_by_id = {s.id: s for s in self.sections}
        self.tasks_by_id = {t.id: t for t in self.tasks}
        self.tasks_by_number = {t.number: t for t in self.tasks}
        self.tasks_of_section = defaultdict(list)
        for task in self.tasks:
            self.tasks_of_section[task.section_id].append(task)
        self.assignments_of_task = defaultdict(list)
        self.assignments_of_unit = defaultdict(list)
        for a in sorted(
            self.assignments, key=lambda a: (a.task_id, ROLE_ORDER[a.role], a.position)
        ):
            self.assignments_of_task[a.task_id].append(a)
            self.assignments_of_unit[a.unit_id].append(a)
        self.targets_of_task = defaultdict(list)
        for target in sorted(self.targets, key=lambda t: (t.task_id, t.position)):
            self.targets_of_task[target.task_id].append(target)
        self.units_by_id = {u.id: u for u in self.units}
        self.units_by_name = {u.name: u for u in self.units}
        for alias in self.aliases:
            self.units_by_name.setdefault(alias.alias, self.units_by_id[alias.unit_id])
        self.members_of = defaultdict(list)
        self.groups_of = defaultdict(list)
        for link in self.memberships:
            self.members_of[link.group_id].append(link)
            self.groups_of[link.member_id].append(link)

    @property
    def office(self) -> Unit | None:
        return next((u for u in self.units if u.kind is UnitKind.OFFICE), None)

    def snapshot(self) -> PlanSnapshot:
        return PlanSnapshot(
            plan_id=self.plan.id,
            code=self.plan.code,
            title=self.plan.plan_title,
            office_id=self.office.id if self.office else None,
            sections=tuple(SectionRecord(s.number, s.label, s.title) for s in self.sections),
            tasks=tuple(
                TaskRecord(
                    t.id, t.number, t.label, t.title, self.sections_by_id[t.section_id].number
                )
                for t in self.tasks
            ),
            units=tuple(
                UnitRecord(u.id, u.name, u.short_name, u.kind, u.membership, u.parent_id, u.listed)
                for u in self.units
            ),
            memberships=tuple(
                MembershipRecord(m.group_id, m.member_id, m.task_id) for m in self.memberships
            ),
            assignments=tuple(
                AssignmentRecord(a.task_id, a.unit_id, a.role, a.position)
                for task in self.tasks
                for a in self.assignments_of_task.get(task.id, ())
            ),
        )


async def derived_members(plan_id: int, units: list[Unit]) -> list[GroupMember]:
    """Members of the DERIVED groups (各问题整改责任单位): the units owning an item of the plan
    that is not yet VERIFIED (销号) nor voided (作废). Unsaved GroupMember rows (every task);
    one query, none when the directory has no derived group."""
    groups = [u.id for u in units if u.membership is Membership.DERIVED]
    if not groups:
        return []
    rows = (
        await RectificationItem.filter(plan_id=plan_id, voided_at__isnull=True)
        .exclude(status=RectificationStatus.VERIFIED)
        .distinct()
        .values("responsible_unit_id")
    )
    owners = sorted({int(row["responsible_unit_id"]) for row in rows})
    return [
        GroupMember(group_id=group, member_id=owner, task_id=None)
        for group in groups
        for owner in owners
    ]


async def load_plan_view(code: str | None = None) -> PlanView:
    """Nine queries, whatever the size of the plan (the ninth: derived group members)."""
    plan = await current_plan(code)
    tasks = await Task.filter(plan_id=plan.id).order_by("number")
    task_ids = [t.id for t in tasks]
    memberships = [
        m
        for m in await GroupMember.all().order_by("id")
        if m.task_id is None or m.task_id in set(task_ids)
    ]
    sections = await Section.filter(plan_id=plan.id).order_by("number")
    assignments = await Assignment.filter(task__plan_id=plan.id)
    targets = await Target.filter(task__plan_id=plan.id)
    units = await Unit.all().order_by("position", "id")
    return PlanView(
        plan=plan,
        sections=sections,
        tasks=tasks,
        assignments=assignments,
        targets=targets,
        units=units,
        aliases=await UnitAlias.all(),
        memberships=memberships + await derived_members(plan.id, units),
    )
