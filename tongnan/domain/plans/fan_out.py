"""How long the plan's lists run: the list sizes the query cost model multiplies by.

Whole lists (every unit, every task) are counted exactly; lists per parent (a unit's duties, a
task's responsible units, a group's members) take their longest, so a query aimed at the
largest parent is not underestimated. Groups are expanded as the responsibility graph does
(members chosen for one task count on that task only). Every size is at least 1, so a list that
is empty today still costs what is selected under it. Plain values, computed in one pass when
the plan view is (re)built.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from tongnan.domain.common.values import AssignmentRole

if TYPE_CHECKING:
    from tongnan.domain.plans.plan_view import PlanView


@dataclass(frozen=True, slots=True)
class FanOut:
    """List sizes of one plan."""

    units: int
    groups: int
    sections: int
    tasks: int
    duties: int  # (unit, task) duties with groups expanded: one round's obligations
    tasks_per_section: int
    leads_per_task: int
    responsible_per_task: int
    assignments_per_task: int
    targets_per_task: int
    units_per_task: int  # units holding a duty on one task, groups expanded
    members_per_group: int
    groups_per_unit: int
    assignments_per_unit: int
    duties_per_unit: int
    addressees: int

    def size(self, name: str) -> int:
        value: int = getattr(self, name)
        return value

    @classmethod
    def names(cls) -> frozenset[str]:
        return frozenset(f.name for f in fields(cls))


def _longest(sizes: Iterable[int]) -> int:
    return max(sizes, default=0)


def _reach(view: PlanView, unit_id: int, task_id: int) -> set[int]:
    """The unit and every unit reached through its members for this task."""
    reached = {unit_id}
    stack = [unit_id]
    while stack:
        for link in view.members_of.get(stack.pop(), ()):
            if link.task_id in (None, task_id) and link.member_id not in reached:
                reached.add(link.member_id)
                stack.append(link.member_id)
    return reached


def fan_out_of(view: PlanView) -> FanOut:
    """The plan's list sizes (one pass over its rows; no queries)."""
    roles: Counter[tuple[int, AssignmentRole]] = Counter()
    holders: dict[int, set[int]] = defaultdict(set)  # task -> units with a duty, expanded
    for assignment in view.assignments:
        roles[(assignment.task_id, assignment.role)] += 1
        holders[assignment.task_id] |= _reach(view, assignment.unit_id, assignment.task_id)
    duties_of_unit: Counter[int] = Counter(u for units in holders.values() for u in units)
    group_ids = {link.group_id for link in view.memberships}
    members = [len({link.member_id for link in links}) for links in view.members_of.values()]
    groups = [len({link.group_id for link in links}) for links in view.groups_of.values()]

    def per_task(role: AssignmentRole) -> int:
        return max((n for (_, r), n in roles.items() if r is role), default=0)

    sizes = {
        "units": len(view.units),
        "groups": len(group_ids),
        "sections": len(view.sections),
        "tasks": len(view.tasks),
        "duties": sum(duties_of_unit.values()),
        "tasks_per_section": _longest([len(ts) for ts in view.tasks_of_section.values()]),
        "leads_per_task": per_task(AssignmentRole.LEAD),
        "responsible_per_task": per_task(AssignmentRole.RESPONSIBLE),
        "assignments_per_task": _longest([len(a) for a in view.assignments_of_task.values()]),
        "targets_per_task": _longest([len(t) for t in view.targets_of_task.values()]),
        "units_per_task": _longest([len(u) for u in holders.values()]),
        "members_per_group": _longest(members),
        "groups_per_unit": _longest(groups),
        "assignments_per_unit": _longest([len(a) for a in view.assignments_of_unit.values()]),
        "duties_per_unit": _longest(duties_of_unit.values()),
        "addressees": len(view.plan.addressees),
    }
    return FanOut(**{name: max(size, 1) for name, size in sizes.items()})
