"""Accountability chains and reviewers: how a unit's report travels up to the office."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tongnan.domain.common.values import AssignmentRole
from tongnan.responsibility_matrix.results import (
    AccountabilityChain,
    ChainPath,
    ChainStep,
    Relation,
    Reviewers,
    StepKind,
    UnitRef,
)

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.graph import ResponsibilityGraph

MAX_PATHS: Final = 1000  # a guard against pathological nesting; real plans have a handful


def _step_kind(rg: ResponsibilityGraph, unit_id: int, leads: frozenset[int]) -> StepKind:
    if unit_id in leads:
        return StepKind.LEAD
    return StepKind.GROUP if rg.is_group(unit_id) else StepKind.UNIT


def _paths(rg: ResponsibilityGraph, task_id: int, start: int) -> list[ChainPath]:
    """Depth-first up the member-of edges (scoped to the task), stopping at each lead."""
    leads = frozenset(rg.assigned(task_id, AssignmentRole.LEAD))
    responsible = frozenset(rg.assigned(task_id, AssignmentRole.RESPONSIBLE))
    office = ChainStep(StepKind.OFFICE, rg.office_ref(), None)
    out: list[ChainPath] = []

    def emit(trail: tuple[int, ...], up: int | None) -> None:
        last = len(trail) - 1
        steps = [
            ChainStep(
                _step_kind(rg, node, leads),
                rg.unit_ref(node),
                Relation.MEMBER_OF
                if i < last
                else (Relation.REPORTS_TO if up is not None else Relation.ACCOUNTABLE_TO),
            )
            for i, node in enumerate(trail)
        ]
        if up is not None:
            steps.append(ChainStep(StepKind.LEAD, rg.unit_ref(up), Relation.ACCOUNTABLE_TO))
        steps.append(office)
        out.append(ChainPath(tuple(steps)))

    def walk(node: int, trail: tuple[int, ...]) -> None:
        if len(out) >= MAX_PATHS:
            return
        if node in leads:
            emit(trail, None)
            return
        if node in responsible:
            ups = rg.reporting_leads(node, task_id)
            if not ups:
                emit(trail, None)  # no lead: the report goes to the office
            for up in ups:
                emit(trail, up)
        for group in rg.groups_of(node, task_id):
            if group not in trail:
                walk(group, (*trail, group))

    walk(start, (start,))
    return out


def _role(paths: list[ChainPath]) -> AssignmentRole | None:
    """LEAD when some path reaches a lead through member-of steps only."""
    if not paths:
        return None
    for path in paths:
        for step in path.steps:
            if step.kind is StepKind.LEAD:
                return AssignmentRole.LEAD
            if step.relation is not Relation.MEMBER_OF:
                break
    return AssignmentRole.RESPONSIBLE


def accountability_chain(
    rg: ResponsibilityGraph, task_number: int, unit: str | int
) -> AccountabilityChain:
    """Every path from ``unit`` up to the office on the task; no paths when it has no duty."""
    task_id = rg.resolve_task(task_number)
    unit_id = rg.resolve_unit(unit)
    paths = _paths(rg, task_id, unit_id)
    return AccountabilityChain(
        rg.task_ref(task_id), rg.unit_ref(unit_id), _role(paths), tuple(paths)
    )


def lead_units(rg: ResponsibilityGraph, task_id: int) -> tuple[UnitRef, ...]:
    """The task's leads expanded to concrete units (groups of unknown members kept as groups)."""
    seen: dict[int, None] = {}
    for lead in rg.assigned(task_id, AssignmentRole.LEAD):
        expansion = rg.expansion(lead, task_id)
        unexpanded = set(expansion.unexpanded)
        found = [
            reach.unit_id
            for reach in expansion.reached
            if not rg.is_group(reach.unit_id) or reach.unit_id in unexpanded
        ]
        seen.update(dict.fromkeys(found or [lead]))  # a group of nothing but cycles: itself
    return tuple(rg.unit_ref(u) for u in seen)


def reviewers_of(rg: ResponsibilityGraph, task_number: int, unit: str | int) -> Reviewers:
    """The task's lead units for a responsible unit; the office for a lead; nobody for no duty."""
    found = accountability_chain(rg, task_number, unit)
    reviewers: tuple[UnitRef, ...] = ()
    if found.role is AssignmentRole.LEAD:
        reviewers = (rg.office_ref(),)
    elif found.role is AssignmentRole.RESPONSIBLE:
        reviewers = lead_units(rg, found.task.id) or (rg.office_ref(),)
    return Reviewers(found.task, found.unit, found.role, reviewers)
