"""The real 2025 plan: chains, reviewers, duties and gaps the office relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tongnan.domain.common.values import AssignmentRole, UnitKind
from tongnan.responsibility_matrix import Relation, ResponsibilityGraph, StepKind

from .builders import numeral
from .real_plan import (
    ALL_TOWNS,
    CONSUMPTION,
    FUND_DEPARTMENTS,
    OFFICE,
    RECTIFICATION,
    RELATED_TOWNS,
    RESIDENT,
    RESIDENT_AND_PAIRING,
    SUBDISTRICTS,
    TASK_FORCE,
    TASKS,
    TOWNS,
)

NOTICE = Path(__file__).resolve().parents[3] / "data/plans/tongnan-2025-work-points.txt"


def test_literal_tasks_match_the_notice() -> None:
    if not NOTICE.exists():
        pytest.skip("notice text not in this checkout")
    text = NOTICE.read_text(encoding="utf-8")
    for number, _, title, leads, responsible in TASKS:
        pattern = (
            rf"\({numeral(number)}\){re.escape(title)}。.*?"
            r"\(牵头单位:(?P<lead>[^;]*);责任单位:(?P<resp>[^)]*)\)"
        )
        found = re.search(pattern, text)
        assert found is not None, number
        assert tuple(found["lead"].split("、")) == leads, number
        assert tuple(found["resp"].split("、")) == responsible, number


def test_chain_task_7_shuangjiang_goes_through_all_towns_to_each_lead(
    real_graph: ResponsibilityGraph,
) -> None:
    chain = real_graph.accountability_chain(7, "双江镇")
    assert chain.role is AssignmentRole.RESPONSIBLE
    assert [p.names for p in chain.paths] == [
        ("双江镇", ALL_TOWNS, "区人力社保局", OFFICE),
        ("双江镇", ALL_TOWNS, "区发展改革委", OFFICE),
        ("双江镇", ALL_TOWNS, "区农业农村委", OFFICE),
    ]
    for path in chain.paths:
        assert [s.kind for s in path.steps] == [
            StepKind.UNIT,
            StepKind.GROUP,
            StepKind.LEAD,
            StepKind.OFFICE,
        ]
        assert [s.relation for s in path.steps] == [
            Relation.MEMBER_OF,
            Relation.REPORTS_TO,
            Relation.ACCOUNTABLE_TO,
            None,
        ]
        assert path.steps[-1].unit.kind is UnitKind.OFFICE


def test_chain_of_a_lead_goes_straight_to_the_office(real_graph: ResponsibilityGraph) -> None:
    chain = real_graph.accountability_chain(7, "区人力社保局")
    assert chain.role is AssignmentRole.LEAD
    assert [p.names for p in chain.paths] == [("区人力社保局", OFFICE)]
    assert chain.paths[0].steps[0].kind is StepKind.LEAD


def test_chain_without_duty_is_empty(real_graph: ResponsibilityGraph) -> None:
    chain = real_graph.accountability_chain(7, "区商务委")
    assert chain.paths == ()
    assert chain.role is None
    assert not chain.has_duty


def test_chain_per_task_group_without_scoped_members_gives_no_duty(
    real_graph: ResponsibilityGraph,
) -> None:
    # 相关镇街 has no member chosen for task 11: no town can be held to it yet.
    assert not real_graph.accountability_chain(11, "双江镇").has_duty
    chain = real_graph.accountability_chain(11, RELATED_TOWNS)
    assert [p.names[1] for p in chain.paths] == [
        "区发展改革委",
        "区农业农村委",
        "区人力社保局",
        "区民政局",
    ]


def test_reviewers(real_graph: ResponsibilityGraph) -> None:
    town = real_graph.reviewers_of(7, "双江镇")
    assert [r.name for r in town.reviewers] == ["区人力社保局", "区发展改革委", "区农业农村委"]
    assert not town.by_office
    lead = real_graph.reviewers_of(7, "区人力社保局")
    assert [r.name for r in lead.reviewers] == [OFFICE]
    assert lead.by_office
    assert real_graph.reviewers_of(7, "区商务委").reviewers == ()


def test_duties_of_human_resources(real_graph: ResponsibilityGraph) -> None:
    duties = real_graph.duties_of("区人力社保局")
    assert duties.lead_task_numbers == (7, 8, 9, 11)
    assert duties.responsible_task_numbers == ()
    assert all(d.direct and d.via == () for d in duties.duties)


def test_duties_of_a_town_come_via_all_towns(real_graph: ResponsibilityGraph) -> None:
    duties = real_graph.duties_of("梓潼街道")
    assert duties.lead_task_numbers == ()
    assert duties.responsible_task_numbers == (
        1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22,
    )  # fmt: skip
    assert all(not d.direct and d.via == (ALL_TOWNS,) for d in duties.duties)


def test_responsible_for_task_7(real_graph: ResponsibilityGraph) -> None:
    answer = real_graph.responsible_for(7)
    assert [u.name for u in answer.leads_as_written] == [
        "区人力社保局",
        "区发展改革委",
        "区农业农村委",
    ]
    assert [u.name for u in answer.responsible_as_written] == [ALL_TOWNS]
    assert [u.unit.name for u in answer.lead_units] == [
        "区人力社保局",
        "区发展改革委",
        "区农业农村委",
    ]
    assert [u.unit.name for u in answer.responsible_units] == [*SUBDISTRICTS, *TOWNS]
    assert all(u.via == (ALL_TOWNS,) and not u.direct for u in answer.responsible_units)
    assert answer.unexpanded == ()


def test_responsible_for_task_20_keeps_the_derived_group_unexpanded(
    real_graph: ResponsibilityGraph,
) -> None:
    answer = real_graph.responsible_for(20)
    assert [(g.group.name, g.role) for g in answer.unexpanded] == [
        (RECTIFICATION, AssignmentRole.RESPONSIBLE)
    ]
    assert len(answer.responsible_units) == 22


def test_gaps(real_graph: ResponsibilityGraph) -> None:
    gaps = real_graph.gaps()
    assert gaps.tasks_without_lead == ()
    assert [(u.group.name, u.task.number) for u in gaps.unscoped_groups] == [
        (RELATED_TOWNS, 4),
        (RELATED_TOWNS, 10),
        (RELATED_TOWNS, 11),
        (RELATED_TOWNS, 12),
        (RELATED_TOWNS, 13),
    ]
    assert {g.name for g in gaps.groups_without_members} == {
        RELATED_TOWNS,
        TASK_FORCE,
        FUND_DEPARTMENTS,
        RESIDENT_AND_PAIRING,
        CONSUMPTION,
        RESIDENT,
    }
    assert gaps.unlisted_units == ()
    assert gaps.membership_cycles == ()
    assert [(a.group.name, a.task.number) for a in gaps.ambiguous_leads] == [(TASK_FORCE, 3)]
    assert not gaps.is_empty


def test_scoping_related_towns_closes_the_gap(real_graph: ResponsibilityGraph) -> None:
    related = real_graph.resolve_unit(RELATED_TOWNS)
    task_4 = real_graph.resolve_task(4)
    real_graph.set_members(related, [real_graph.resolve_unit("双江镇")], task_4)
    gaps = real_graph.gaps()
    assert [u.task.number for u in gaps.unscoped_groups] == [10, 11, 12, 13]
    assert RELATED_TOWNS not in {g.name for g in gaps.groups_without_members}
    chain = real_graph.accountability_chain(4, "双江镇")
    assert [p.names for p in chain.paths] == [("双江镇", RELATED_TOWNS, "区农业农村委", OFFICE)]
    # scoped to task 4 only: still no duty on task 10
    assert not real_graph.accountability_chain(10, "双江镇").has_duty


def test_matrix_of_the_real_plan(real_graph: ResponsibilityGraph) -> None:
    matrix = real_graph.matrix()
    assert [r.task.number for r in matrix.rows] == list(range(1, 23))
    names = [c.unit.name for c in matrix.columns]
    # departments first (directory order), then subdistricts and towns, then the rest
    assert names[:8] == [
        "区农业农村委",
        "区政府办金融服务中心",
        "区人力社保局",
        "区发展改革委",
        "区财政局",
        "区民政局",
        "区商务委",
        "区委组织部",
    ]
    assert names[8:30] == [*SUBDISTRICTS, *TOWNS]
    assert names[30:] == [
        "区工商联",
        RELATED_TOWNS,
        TASK_FORCE,
        FUND_DEPARTMENTS,
        RESIDENT_AND_PAIRING,
        CONSUMPTION,
        RESIDENT,
        RECTIFICATION,
    ]
    assert ALL_TOWNS not in names  # expanded into its members
    agri = matrix.columns[0]
    assert (agri.lead_count, agri.responsible_count) == (20, 0)
    hr = matrix.columns[names.index("区人力社保局")]
    assert (hr.lead_count, hr.responsible_count) == (4, 0)
    town = matrix.columns[names.index("双江镇")]
    assert (town.lead_count, town.responsible_count) == (0, 16)
    cell = matrix.cell(7, "双江镇")
    assert cell is not None and cell.text == "R*"
    cell = matrix.cell(7, "区人力社保局")
    assert cell is not None and cell.text == "L"
    assert matrix.cell(7, "区商务委") is None
    cell = matrix.cell(3, TASK_FORCE)
    assert cell is not None and cell.text == "L"
