"""Hand-built plans: nested groups, a unit in two groups, joint leads, missing leads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.responsibility_matrix import (
    NotAGroupError,
    Relation,
    ResponsibilityGraph,
    UnknownTaskError,
    UnknownUnitError,
)

from .builders import PlanBuilder
from .sample_plans import nested


def test_nested_groups_expand_with_every_group_on_the_way() -> None:
    rg = nested()
    answer = rg.responsible_for(1)
    by_name = {u.unit.name: u for u in answer.responsible_units}
    assert list(by_name) == ["商务局", "甲镇", "乙镇"]
    assert by_name["甲镇"].via == ("各消费帮扶责任单位", "各镇街")
    assert by_name["商务局"].via == ("各消费帮扶责任单位",)
    assert [u.unit.name for u in answer.lead_units] == ["商务局"]
    chain = rg.accountability_chain(1, "乙镇")
    assert [p.names for p in chain.paths] == [
        ("乙镇", "各镇街", "各消费帮扶责任单位", "商务局", "办公室")
    ]
    assert [s.relation for s in chain.paths[0].steps] == [
        Relation.MEMBER_OF,
        Relation.MEMBER_OF,
        Relation.REPORTS_TO,
        Relation.ACCOUNTABLE_TO,
        None,
    ]
    duties = rg.duties_of("甲镇")
    assert [(d.task.number, d.role, d.via) for d in duties.duties] == [
        (1, AssignmentRole.RESPONSIBLE, ("各消费帮扶责任单位", "各镇街")),
        (3, AssignmentRole.RESPONSIBLE, ()),
    ]
    # 商务局 leads task 1 and is also responsible through the group: both duties, lead first
    duties = rg.duties_of("商务局")
    assert [(d.role, d.direct) for d in duties.duties] == [
        (AssignmentRole.LEAD, True),
        (AssignmentRole.RESPONSIBLE, False),
    ]
    assert rg.accountability_chain(1, "商务局").paths[0].names == ("商务局", "办公室")


def test_a_unit_in_two_groups_reports_both_and_joint_leads_give_one_path_each() -> None:
    rg = nested()
    answer = rg.responsible_for(2)
    shared = next(u for u in answer.responsible_units if u.unit.name == "丙局")
    assert shared.via == ("集体一", "集体二")
    assert not shared.direct
    chain = rg.accountability_chain(2, "丙局")
    assert [p.names for p in chain.paths] == [
        ("丙局", "集体一", "农业局", "办公室"),
        ("丙局", "集体一", "人社局", "办公室"),
        ("丙局", "集体二", "农业局", "办公室"),
        ("丙局", "集体二", "人社局", "办公室"),
    ]
    duty = [d for d in rg.duties_of("丙局").duties if d.task.number == 2]
    assert len(duty) == 1 and duty[0].via == ("集体一", "集体二")
    reviewers = rg.reviewers_of(2, "丙局")
    assert [r.name for r in reviewers.reviewers] == ["农业局", "人社局"]
    cell = rg.matrix().cell(2, "丙局")
    assert cell is not None and cell.text == "R*"


def test_task_without_lead_reports_to_the_office_and_is_a_gap() -> None:
    rg = nested()
    chain = rg.accountability_chain(3, "甲镇")
    assert [p.names for p in chain.paths] == [("甲镇", "办公室")]
    assert chain.paths[0].steps[0].relation is Relation.ACCOUNTABLE_TO
    assert chain.role is AssignmentRole.RESPONSIBLE
    assert rg.reviewers_of(3, "甲镇").by_office
    assert [t.number for t in rg.gaps().tasks_without_lead] == [3]


def test_lead_also_responsible() -> None:
    rg = nested()
    cell = rg.matrix().cell(4, "农业局")
    assert cell is not None and cell.text == "L/R"
    assert [p.names for p in rg.accountability_chain(4, "农业局").paths] == [("农业局", "办公室")]
    assert [p.names for p in rg.accountability_chain(4, "丁局").paths] == [
        ("丁局", "集体一", "农业局", "办公室")
    ]


def test_lead_group_with_members_is_reviewed_by_the_office() -> None:
    b = PlanBuilder()
    b.office("办公室")
    b.unit("甲局")
    b.unit("乙局")
    b.unit("丙镇", UnitKind.TOWN)
    b.group("牵头集体")
    b.member("牵头集体", "甲局", "乙局")
    b.task(1, "集体牵头", ["牵头集体"], ["丙镇"])
    rg = ResponsibilityGraph(b.snapshot())
    chain = rg.accountability_chain(1, "甲局")
    assert chain.role is AssignmentRole.LEAD
    assert [p.names for p in chain.paths] == [("甲局", "牵头集体", "办公室")]
    assert rg.reviewers_of(1, "甲局").by_office
    assert [r.name for r in rg.reviewers_of(1, "丙镇").reviewers] == ["甲局", "乙局"]
    assert [p.names for p in rg.accountability_chain(1, "丙镇").paths] == [
        ("丙镇", "牵头集体", "办公室")
    ]
    assert rg.gaps().ambiguous_leads == ()
    lead_units = rg.responsible_for(1).lead_units
    assert [(u.unit.name, u.via) for u in lead_units] == [
        ("甲局", ("牵头集体",)),
        ("乙局", ("牵头集体",)),
    ]


def test_unlisted_units_and_general_members_of_a_per_task_group() -> None:
    b = PlanBuilder()
    b.unit("牵头局")
    b.unit("新设中心", listed=False)
    b.unit("未用中心", listed=False)
    b.unit("甲镇", UnitKind.TOWN)
    b.group("相关镇街", Membership.PER_TASK)
    b.member("相关镇街", "甲镇")  # no task: a member on every task
    b.task(1, "一", ["牵头局"], ["新设中心", "相关镇街"])
    rg = ResponsibilityGraph(b.snapshot())
    gaps = rg.gaps()
    assert [u.name for u in gaps.unlisted_units] == ["新设中心"]
    assert gaps.unscoped_groups == ()
    assert gaps.groups_without_members == ()
    assert rg.accountability_chain(1, "甲镇").has_duty


def test_unknown_names_raise_lookup_errors() -> None:
    rg = nested()
    with pytest.raises(UnknownTaskError):
        rg.accountability_chain(99, "甲镇")
    with pytest.raises(UnknownUnitError):
        rg.accountability_chain(1, "不存在的单位")
    with pytest.raises(UnknownUnitError):
        rg.duties_of("不存在的单位")
    with pytest.raises(UnknownTaskError):
        rg.responsible_for(0)
    with pytest.raises(NotAGroupError):
        rg.set_members(rg.resolve_unit("甲镇"), [])


def test_units_resolve_by_id_and_name() -> None:
    rg = nested()
    town = rg.resolve_unit("甲镇")
    assert rg.duties_of(town) == rg.duties_of("甲镇")
    assert rg.accountability_chain(1, town) == rg.accountability_chain(1, "甲镇")


def test_short_names_resolve_after_full_names() -> None:
    b = PlanBuilder()
    b.unit("区农业农村委员会")
    b.unit("区农业农村委")  # a full name equal to another unit's short name wins
    b.units[0] = replace(b.units[0], short_name="区农业农村委")
    b.unit("区人力资源和社会保障局")
    b.units[2] = replace(b.units[2], short_name="区人力社保局")
    b.task(1, "一", ["区人力资源和社会保障局"], [])
    rg = ResponsibilityGraph(b.snapshot())
    assert rg.resolve_unit("区农业农村委") == b.units[1].id
    assert rg.duties_of("区人力社保局").lead_task_numbers == (1,)
