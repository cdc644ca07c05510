"""Who holds which duty: a task's units with groups expanded, and a unit's tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tongnan.domain.common.values import AssignmentRole
from tongnan.responsibility_matrix.results import (
    Duty,
    ResolvedUnit,
    TaskResponsibility,
    UnexpandedGroup,
    UnitDuties,
)

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.graph import ResponsibilityGraph

_ROLES = (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)


@dataclass(slots=True)
class _Acc:
    """A duty being gathered from several assignments."""

    direct: bool = False
    via: dict[int, None] = field(default_factory=dict)

    def add(self, direct: bool, via_groups: tuple[int, ...]) -> None:
        self.direct = self.direct or direct
        for group in via_groups:
            self.via.setdefault(group, None)


def _gather(
    rg: ResponsibilityGraph, task_id: int, role: AssignmentRole
) -> tuple[dict[int, _Acc], dict[int, None]]:
    """Everything reached from the task's units for ``role`` and the groups left unexpanded."""
    reached: dict[int, _Acc] = {}
    unexpanded: dict[int, None] = {}
    for unit_id in rg.assigned(task_id, role):
        expansion = rg.expansion(unit_id, task_id)
        for reach in expansion.reached:
            reached.setdefault(reach.unit_id, _Acc()).add(reach.direct, reach.via_groups)
        for group in expansion.unexpanded:
            unexpanded.setdefault(group, None)
    return reached, unexpanded


def _names(rg: ResponsibilityGraph, groups: dict[int, None]) -> tuple[str, ...]:
    return tuple(rg.unit_ref(g).name for g in groups)


def responsible_for(rg: ResponsibilityGraph, task_number: int) -> TaskResponsibility:
    """The task's units as written and expanded to concrete units, with what stays unknown."""
    task_id = rg.resolve_task(task_number)
    resolved: dict[AssignmentRole, tuple[ResolvedUnit, ...]] = {}
    unknown: list[UnexpandedGroup] = []
    for role in _ROLES:
        reached, unexpanded = _gather(rg, task_id, role)
        resolved[role] = tuple(
            ResolvedUnit(rg.unit_ref(unit_id), acc.direct, _names(rg, acc.via))
            for unit_id, acc in reached.items()
            if not rg.is_group(unit_id)
        )
        unknown.extend(
            UnexpandedGroup(rg.unit_ref(group), role, _names(rg, reached[group].via))
            for group in unexpanded
        )
    return TaskResponsibility(
        task=rg.task_ref(task_id),
        leads_as_written=tuple(rg.unit_ref(u) for u in rg.assigned(task_id, AssignmentRole.LEAD)),
        responsible_as_written=tuple(
            rg.unit_ref(u) for u in rg.assigned(task_id, AssignmentRole.RESPONSIBLE)
        ),
        lead_units=resolved[AssignmentRole.LEAD],
        responsible_units=resolved[AssignmentRole.RESPONSIBLE],
        unexpanded=tuple(unknown),
    )


def _upward_paths(rg: ResponsibilityGraph, unit_id: int, task_id: int) -> list[tuple[int, ...]]:
    """Every simple member-of path from the unit up, as (top, …, the unit's parent); () first."""
    paths: list[tuple[int, ...]] = []
    stack: list[tuple[int, tuple[int, ...]]] = [(unit_id, ())]
    while stack:
        node, above = stack.pop()  # ``above``: the groups from the unit's parent up to ``node``
        paths.append(above)
        for group in rg.groups_of(node, task_id):
            if group != unit_id and group not in above:
                stack.append((group, (*above, group)))
    return [tuple(reversed(path)) for path in paths]


def duties_of(rg: ResponsibilityGraph, unit: str | int) -> UnitDuties:
    """Every duty of the unit (directly, or through the groups named in ``via``).

    Walks up from the unit on each task, so it needs no index and is never stale; the via
    groups come in the order ``responsible_for`` gives them (assignment order, then nesting).
    """
    unit_id = rg.resolve_unit(unit)
    found: list[Duty] = []
    for task_id in rg.task_ids:
        paths = _upward_paths(rg, unit_id, task_id)
        for role in _ROLES:
            order = {u: i for i, u in enumerate(rg.assigned(task_id, role))}
            hits = [p for p in paths if (p[0] if p else unit_id) in order]
            if not hits:
                continue
            hits.sort(
                key=lambda p: (order[p[0] if p else unit_id], [rg.order_key(g) for g in p[1:]])
            )
            acc = _Acc()
            for path in hits:
                acc.add(not path, path)
            found.append(Duty(rg.task_ref(task_id), role, acc.direct, _names(rg, acc.via)))
    return UnitDuties(rg.unit_ref(unit_id), tuple(found))
