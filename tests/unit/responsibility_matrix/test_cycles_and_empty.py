"""Degenerate plans: membership cycles terminate and are reported; an empty plan answers empty."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tongnan.domain.common.values import AssignmentRole, UnitKind
from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.responsibility_matrix import ResponsibilityGraph, UnknownTaskError

from .builders import PlanBuilder
from .sample_plans import cyclic


def test_cycles_are_reported_once_each() -> None:
    gaps = cyclic().gaps()
    assert [tuple(u.name for u in c) for c in gaps.membership_cycles] == [
        ("集体一", "集体二", "集体一"),
        ("自含集体", "自含集体"),
    ]
    # the self-contained lead group has no concrete member: ambiguous leadership
    assert [(a.group.name, a.task.number) for a in gaps.ambiguous_leads] == [("自含集体", 2)]


def test_queries_terminate_on_cycles() -> None:
    rg = cyclic()
    answer = rg.responsible_for(1)
    assert [(u.unit.name, u.via) for u in answer.responsible_units] == [
        ("甲局", ("集体一", "集体二"))
    ]
    assert [p.names for p in rg.accountability_chain(1, "甲局").paths] == [
        ("甲局", "集体二", "集体一", "牵头局", "办公室")
    ]
    assert [p.names for p in rg.accountability_chain(1, "集体二").paths] == [
        ("集体二", "集体一", "牵头局", "办公室")
    ]
    assert rg.duties_of("集体二").responsible_task_numbers == (1,)
    assert rg.expansion(rg.resolve_unit("集体一"), rg.resolve_task(1)).cyclic
    assert [r.name for r in rg.reviewers_of(2, "甲局").reviewers] == ["自含集体"]
    rg.matrix().to_csv()
    ET.fromstring(rg.chain_svg(1))
    ET.fromstring(rg.chain_svg(2))


def empty_snapshots() -> list[PlanSnapshot]:
    bare = PlanSnapshot(1, "", "", None, (), (), (), (), ())
    b = PlanBuilder()
    b.office()
    b.unit("甲局")
    b.group("各镇街")
    return [bare, b.snapshot()]


@pytest.mark.parametrize("snapshot", empty_snapshots())
def test_an_empty_plan_answers_empty(snapshot: PlanSnapshot) -> None:
    rg = ResponsibilityGraph(snapshot)
    gaps = rg.gaps()
    assert gaps.is_empty
    matrix = rg.matrix()
    assert matrix.rows == () and matrix.columns == ()
    assert matrix.to_csv().startswith("序号,任务,牵头单位,责任单位\r\n")
    assert matrix.to_xlsx()[:2] == b"PK"
    ET.fromstring(rg.matrix_svg())
    if snapshot.units:
        assert rg.duties_of("甲局").duties == ()
    with pytest.raises(UnknownTaskError):
        rg.accountability_chain(1, "甲局")
    with pytest.raises(UnknownTaskError):
        rg.chain_svg(1)


def test_a_plan_without_tasks_takes_member_edits_but_no_assignments() -> None:
    b = PlanBuilder()
    b.unit("甲局")
    b.unit("乙镇", UnitKind.TOWN)
    group = b.group("各镇街")
    rg = ResponsibilityGraph(b.snapshot())
    assert rg.task_ids == ()
    assert rg.set_members(group, [b.id_of("乙镇")])
    assert rg.duties_of("乙镇").duties == ()
    assert rg.gaps().is_empty
    with pytest.raises(UnknownTaskError):
        rg.add_assignment(101, b.id_of("甲局"), AssignmentRole.LEAD)
