"""Incremental edits give the same answers as a full rebuild; the registry keeps graphs fresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import AssignmentRecord, PlanSnapshot
from tongnan.responsibility_matrix import MatrixRegistry, ResponsibilityGraph

from .builders import PlanBuilder
from .real_plan import ALL_TOWNS, RELATED_TOWNS, TASK_FORCE, real_plan_builder

LEAD, RESP = AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE


def answers(rg: ResponsibilityGraph) -> dict[str, Any]:
    """Every question on every task and unit."""
    names = [rg.unit_ref(u).name for u in rg.unit_ids]
    numbers = [rg.task_ref(t).number for t in rg.task_ids]
    return {
        "chains": [rg.accountability_chain(n, u) for n in numbers for u in names],
        "reviewers": [rg.reviewers_of(n, u) for n in numbers for u in names],
        "responsible": [rg.responsible_for(n) for n in numbers],
        "duties": [rg.duties_of(u) for u in names],
        "gaps": rg.gaps(),
        "matrix": rg.matrix(),
        "svg": [rg.chain_svg(n) for n in numbers] + [rg.matrix_svg()],
    }


def edges(rg: ResponsibilityGraph) -> set[tuple[Any, ...]]:
    """Edges with their attributes (positions left out: only their order matters)."""
    out = set()
    for u, v, key, data in rg.graph.edges(keys=True, data=True):
        attrs = tuple(
            sorted((k, frozenset(val) if isinstance(val, set) else val) for k, val in data.items())
        )
        out.add((u, v, key, tuple(a for a in attrs if a[0] != "position")))
    return out


def assert_same(incremental: ResponsibilityGraph, expected: PlanSnapshot) -> None:
    rebuilt = ResponsibilityGraph(expected)
    assert edges(incremental) == edges(rebuilt)
    assert answers(incremental) == answers(rebuilt)


def base() -> PlanBuilder:
    b = real_plan_builder()
    b.group("嵌套集体")
    b.member("嵌套集体", "区财政局", "各镇街")
    return b


Edit = Callable[[PlanBuilder, ResponsibilityGraph], None]


def add_lead(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.assignments.append(_record(b, 5, "区财政局", LEAD, 1))
    assert rg.add_assignment(b.task_id(5), b.id_of("区财政局"), LEAD)


def add_responsible_group(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.assignments.append(_record(b, 14, "嵌套集体", RESP, 1))
    assert rg.add_assignment(b.task_id(14), b.id_of("嵌套集体"), RESP)


def remove_joint_lead(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.assignments[:] = [a for a in b.assignments if a != _record(b, 7, "区发展改革委", LEAD, 1)]
    assert rg.remove_assignment(b.task_id(7), b.id_of("区发展改革委"), LEAD)


def remove_only_lead(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.assignments[:] = [a for a in b.assignments if a != _record(b, 22, "区农业农村委", LEAD, 0)]
    assert rg.remove_assignment(b.task_id(22), b.id_of("区农业农村委"), LEAD)


def set_static_members(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.member(TASK_FORCE, "区农业农村委", "区财政局", "区民政局")
    members = [b.id_of(n) for n in ("区农业农村委", "区财政局", "区民政局")]
    assert rg.set_members(b.id_of(TASK_FORCE), members)


def scope_related_towns(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.member(RELATED_TOWNS, "双江镇", "古溪镇", task=11)
    assert rg.set_members(
        b.id_of(RELATED_TOWNS), [b.id_of("双江镇"), b.id_of("古溪镇")], b.task_id(11)
    )


def shrink_all_towns(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    keep = ("梓潼街道", "双江镇")
    group = b.id_of(ALL_TOWNS)
    b.memberships[:] = [
        m for m in b.memberships if m.group_id != group or m.member_id in map(b.id_of, keep)
    ]
    assert rg.set_members(group, [b.id_of(n) for n in keep])


def make_cycle(b: PlanBuilder, rg: ResponsibilityGraph) -> None:
    b.member(ALL_TOWNS, "嵌套集体")
    members = [m.member_id for m in b.memberships if m.group_id == b.id_of(ALL_TOWNS)]
    assert rg.set_members(b.id_of(ALL_TOWNS), members)


def _record(
    b: PlanBuilder, number: int, name: str, role: AssignmentRole, position: int
) -> AssignmentRecord:
    return AssignmentRecord(b.task_id(number), b.id_of(name), role, position)


EDITS: list[Edit] = [
    add_lead,
    add_responsible_group,
    remove_joint_lead,
    remove_only_lead,
    set_static_members,
    scope_related_towns,
    shrink_all_towns,
    make_cycle,
]


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_each_edit_equals_a_rebuild(edit: Edit) -> None:
    b = base()
    rg = ResponsibilityGraph(b.snapshot())
    answers(rg)  # warm every cache first, so stale caches would show
    edit(b, rg)
    assert_same(rg, b.snapshot())


def test_a_sequence_of_edits_equals_a_rebuild() -> None:
    b = base()
    rg = ResponsibilityGraph(b.snapshot())
    for edit in EDITS:
        answers(rg)
        edit(b, rg)
    assert_same(rg, b.snapshot())
    assert rg.version == len(EDITS)


def test_add_then_remove_restores_the_graph() -> None:
    b = base()
    rg = ResponsibilityGraph(b.snapshot())
    before = (edges(rg), answers(rg))
    task, unit = b.task_id(3), b.id_of("区民政局")
    assert rg.add_assignment(task, unit, LEAD)
    assert rg.gaps().ambiguous_leads  # still: 专班成员单位 has no members
    assert rg.accountability_chain(3, "区民政局").paths[0].names[-1].endswith("办公室")
    assert rg.remove_assignment(task, unit, LEAD)
    assert (edges(rg), answers(rg)) == before
    assert not rg.remove_assignment(task, unit, LEAD)
    assert not rg.set_members(b.id_of(TASK_FORCE), [])


def test_registry_updates_in_place_and_rebuilds_after_invalidate() -> None:
    snapshots = {1: base().snapshot()}
    loads: list[int] = []

    def loader(plan_id: int) -> PlanSnapshot:
        loads.append(plan_id)
        return snapshots[plan_id]

    registry = MatrixRegistry(loader)
    rg = registry.get(1)
    assert loads == [1] and registry.builds == 1
    b = base()
    assert registry.add_assignment(b.task_id(5), b.id_of("区财政局"), LEAD)
    assert registry.get(1) is rg and registry.builds == 1
    assert registry.version(1) == 1
    assert rg.duties_of("区财政局").lead_task_numbers == (5, 10)
    assert registry.remove_assignment(b.task_id(5), b.id_of("区财政局"), LEAD)
    assert registry.set_members(b.id_of(TASK_FORCE), [b.id_of("区财政局")])
    assert registry.set_members(b.id_of(RELATED_TOWNS), [b.id_of("双江镇")], b.task_id(4))
    assert registry.get(1).accountability_chain(4, "双江镇").has_duty
    assert registry.version(1) == 4 and registry.builds == 1
    registry.invalidate(1)
    assert 1 not in registry and registry.version(1) is None
    assert not registry.add_assignment(b.task_id(5), b.id_of("区财政局"), LEAD)  # nothing kept
    fresh = registry.get(1)
    assert fresh is not rg and loads == [1, 1] and registry.builds == 2
    assert not fresh.accountability_chain(4, "双江镇").has_duty  # the loader's data again


def test_registry_drops_a_graph_that_cannot_apply_an_edit() -> None:
    registry = MatrixRegistry()
    b = base()
    registry.put(b.snapshot())
    assert registry.add_assignment(b.task_id(1), 999_999, RESP)  # unknown unit: stale graph
    assert 1 not in registry
    with pytest.raises(KeyError):
        registry.get(1)


def test_registry_set_members_reaches_every_plan_that_has_the_group() -> None:
    registry = MatrixRegistry()
    shared = PlanBuilder(plan_id=1)
    shared.unit("甲局")
    shared.unit("乙镇", UnitKind.TOWN)
    shared.group("集体", Membership.STATIC)
    shared.task(1, "一", ["甲局"], ["集体"])
    first = shared.snapshot()
    second = PlanSnapshot(
        plan_id=2,
        code="二",
        title="二",
        office_id=None,
        sections=(),
        tasks=tuple(
            t.__class__(t.id + 50, t.number, t.label, t.title, t.section_number)
            for t in first.tasks
        ),
        units=first.units,
        memberships=(),
        assignments=tuple(
            a.__class__(a.task_id + 50, a.unit_id, a.role, a.position) for a in first.assignments
        ),
    )
    registry.put(first)
    registry.put(second)
    town = shared.id_of("乙镇")
    assert registry.set_members(shared.id_of("集体"), [town])
    for plan_id in (1, 2):
        assert registry.get(plan_id).duties_of("乙镇").responsible_task_numbers == (1,)
    assert registry.graph_of_task(151) is registry.get(2)
    assert sorted(registry.plan_ids) == [1, 2] and len(registry) == 2
