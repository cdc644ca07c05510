"""Read side: load a stored plan and the directory as a PlanSnapshot (a few set-based queries)."""

from __future__ import annotations

from tongnan.domain.models import Assignment, GroupMember, Section, Task, Unit, WorkPlan
from tongnan.domain.snapshot import (
    AssignmentRecord,
    MembershipRecord,
    PlanSnapshot,
    SectionRecord,
    TaskRecord,
    UnitRecord,
)
from tongnan.domain.values import UnitKind


class PlanNotFound(LookupError):
    """No stored plan has this code (or no plan is stored at all)."""


async def current_plan(code: str | None = None) -> WorkPlan:
    """The plan with ``code``; without a code, the most recently issued plan."""
    if code is not None:
        plan = await WorkPlan.get_or_none(code=code)
        if plan is None:
            raise PlanNotFound(f"no work plan with code {code!r}")
        return plan
    plan = await WorkPlan.all().order_by("-issued_on", "-id").first()
    if plan is None:
        raise PlanNotFound("no work plan has been imported yet (run `tongnan import-plan FILE`)")
    return plan


async def load_snapshot(code: str | None = None) -> PlanSnapshot:
    plan = await current_plan(code)
    sections = await Section.filter(plan_id=plan.id).order_by("number")
    section_numbers = {s.id: s.number for s in sections}
    tasks = await Task.filter(plan_id=plan.id).order_by("number")
    task_ids = [t.id for t in tasks]
    units = await Unit.all().order_by("position", "id")
    memberships = await GroupMember.all().order_by("id")
    scoped_ok = set(task_ids)
    assignments = await Assignment.filter(task_id__in=task_ids).order_by(
        "task_id", "role", "position"
    )
    office = next((u for u in units if u.kind is UnitKind.OFFICE), None)
    return PlanSnapshot(
        plan_id=plan.id,
        code=plan.code,
        title=plan.plan_title,
        office_id=office.id if office else None,
        sections=tuple(SectionRecord(s.number, s.label, s.title) for s in sections),
        tasks=tuple(
            TaskRecord(t.id, t.number, t.label, t.title, section_numbers[t.section_id])
            for t in tasks
        ),
        units=tuple(
            UnitRecord(u.id, u.name, u.short_name, u.kind, u.membership, u.parent_id, u.listed)
            for u in units
        ),
        memberships=tuple(
            MembershipRecord(m.group_id, m.member_id, m.task_id)
            for m in memberships
            if m.task_id is None or m.task_id in scoped_ok
        ),
        assignments=tuple(
            AssignmentRecord(a.task_id, a.unit_id, a.role, a.position) for a in assignments
        ),
    )
