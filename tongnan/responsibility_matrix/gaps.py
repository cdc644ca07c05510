"""Gaps in a plan: missing leads, unset or unscoped members, unlisted units, membership cycles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from tongnan.domain.common.values import AssignmentRole, Membership
from tongnan.responsibility_matrix.results import (
    AmbiguousLead,
    Gaps,
    UnitRef,
    UnscopedGroup,
)

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.graph import ResponsibilityGraph

_SETTABLE = (Membership.STATIC, Membership.PER_TASK)


def membership_cycles(rg: ResponsibilityGraph) -> tuple[tuple[UnitRef, ...], ...]:
    """One closed walk per strongly connected set of groups (start: first in directory order)."""
    members = nx.DiGraph()
    members.add_edges_from(rg.member_edges())
    cycles: list[tuple[int, ...]] = []
    for component in nx.strongly_connected_components(members):
        start = min(component, key=rg.order_key)
        if len(component) == 1 and not members.has_edge(start, start):
            continue
        if members.has_edge(start, start):
            cycles.append((start, start))
            continue
        inside = members.subgraph(component)
        nexts = sorted(inside.successors(start), key=rg.order_key)
        walks = [nx.shortest_path(inside, n, start) for n in nexts]
        cycles.append((start, *min(walks, key=len)))
    cycles.sort(key=lambda c: rg.order_key(c[0]))
    return tuple(tuple(rg.unit_ref(u) for u in cycle) for cycle in cycles)


def find_gaps(rg: ResponsibilityGraph) -> Gaps:
    """Everything the plan leaves open; only units the plan actually uses are reported."""
    used: dict[int, None] = {}
    unscoped: list[UnscopedGroup] = []
    ambiguous: list[AmbiguousLead] = []
    no_lead = []
    for task_id in rg.task_ids:
        task = rg.task_ref(task_id)
        if not rg.assigned(task_id, AssignmentRole.LEAD):
            no_lead.append(task)
        on_task: dict[int, None] = {}
        for role in (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE):
            for unit_id in rg.assigned(task_id, role):
                expansion = rg.expansion(unit_id, task_id)
                on_task.update(dict.fromkeys(r.unit_id for r in expansion.reached))
                if role is AssignmentRole.LEAD and rg.is_group(unit_id):
                    concrete = any(not rg.is_group(r.unit_id) for r in expansion.reached)
                    if expansion.unexpanded or not concrete:
                        ambiguous.append(AmbiguousLead(rg.unit_ref(unit_id), task))
        for unit_id in sorted(on_task, key=rg.order_key):
            if rg.membership(unit_id) is Membership.PER_TASK and not rg.members_of(
                unit_id, task_id
            ):
                unscoped.append(UnscopedGroup(rg.unit_ref(unit_id), task))
        used.update(on_task)
    ordered = sorted(used, key=rg.order_key)
    return Gaps(
        tasks_without_lead=tuple(no_lead),
        groups_without_members=tuple(
            rg.unit_ref(u)
            for u in ordered
            if rg.membership(u) in _SETTABLE and not rg.has_any_members(u)
        ),
        unscoped_groups=tuple(unscoped),
        unlisted_units=tuple(rg.unit_ref(u) for u in ordered if not rg.unit_record(u).listed),
        membership_cycles=membership_cycles(rg),
        ambiguous_leads=tuple(ambiguous),
    )
