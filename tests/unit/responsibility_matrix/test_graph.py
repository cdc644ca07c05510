"""The graph's shape: node ids, edge keys and their attributes."""

from __future__ import annotations

from tongnan.domain.common.values import Membership, UnitKind
from tongnan.responsibility_matrix import ResponsibilityGraph
from tongnan.responsibility_matrix.nodes import (
    OFFICE_NODE,
    EdgeKey,
    plan_node,
    section_node,
    task_node,
    unit_node,
)

from .builders import PlanBuilder
from .real_plan import ALL_TOWNS, OFFICE, TOWNS


def test_real_plan_nodes_and_edges(real_graph: ResponsibilityGraph) -> None:
    g = real_graph.graph
    assert g.nodes[OFFICE_NODE]["name"] == OFFICE
    assert g.has_edge(OFFICE_NODE, plan_node(1), EdgeKey.ISSUES)
    assert sum(1 for _ in g.successors(plan_node(1))) == 7
    task_7 = task_node(real_graph.resolve_task(7))
    assert g.has_edge(section_node(3), task_7, EdgeKey.CONTAINS)
    assert g.nodes[task_7]["number"] == 7
    leads = [real_graph.resolve_unit(n) for n in ("区人力社保局", "区发展改革委", "区农业农村委")]
    for position, lead in enumerate(leads):
        assert g.edges[task_7, unit_node(lead), EdgeKey.LEAD]["position"] == position
    all_towns = unit_node(real_graph.resolve_unit(ALL_TOWNS))
    assert g.edges[task_7, all_towns, EdgeKey.RESPONSIBLE]["position"] == 0
    hr_reports = g.edges[unit_node(leads[0]), all_towns, EdgeKey.REPORTS]["tasks"]
    assert {real_graph.task_ref(t).number for t in hr_reports} == {7, 8, 9}
    town = unit_node(real_graph.resolve_unit(TOWNS[0]))
    assert g.edges[all_towns, town, EdgeKey.MEMBER]["scopes"] == {None}
    assert g.nodes[all_towns]["membership"] is Membership.STATIC
    assert g.nodes[town]["unit_kind"] is UnitKind.TOWN


def test_lead_and_member_edges_between_the_same_pair_coexist() -> None:
    b = PlanBuilder()
    b.office()
    g1 = b.group("集体甲")
    a = b.unit("单位甲")
    b.member("集体甲", "单位甲")
    b.task(1, "任务", ["集体甲"], ["单位甲"])
    rg = ResponsibilityGraph(b.snapshot())
    assert rg.graph.has_edge(unit_node(g1), unit_node(a), EdgeKey.MEMBER)
    assert rg.graph.has_edge(unit_node(g1), unit_node(a), EdgeKey.REPORTS)
    # 单位甲 leads through 集体甲, so its report goes to the office
    assert rg.reviewers_of(1, "单位甲").by_office


def test_scoped_members_carry_their_tasks() -> None:
    b = PlanBuilder()
    related = b.group("相关镇街", Membership.PER_TASK)
    b.unit("甲镇", UnitKind.TOWN)
    b.unit("牵头局")
    b.task(1, "一", ["牵头局"], ["相关镇街"])
    b.task(2, "二", ["牵头局"], ["相关镇街"])
    b.member("相关镇街", "甲镇", task=1)
    b.member("相关镇街", "甲镇", task=2)
    rg = ResponsibilityGraph(b.snapshot())
    scopes = rg.graph.edges[unit_node(related), unit_node(b.id_of("甲镇")), EdgeKey.MEMBER]
    assert scopes["scopes"] == {b.task_id(1), b.task_id(2)}


def test_office_placeholder_when_the_directory_has_none() -> None:
    b = PlanBuilder()
    b.unit("牵头局")
    b.task(1, "一", ["牵头局"], [])
    rg = ResponsibilityGraph(b.snapshot())
    office = rg.office_ref()
    assert office.id is None and office.kind is UnitKind.OFFICE
    assert rg.accountability_chain(1, "牵头局").paths[0].names == ("牵头局", "专班办公室")
