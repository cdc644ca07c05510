"""The responsibility matrix built from the stored plan, on both backends."""

from __future__ import annotations

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import AssignmentRole, Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.groups import set_group_members
from tongnan.domain.plans.plan_import import import_plan
from tongnan.domain.plans.plan_snapshot_loader import load_snapshot
from tongnan.responsibility_matrix import ResponsibilityGraph

OFFICE = Actor(name="cli:test", role=Role.OFFICE_ADMIN)
OFFICE_NAME = (
    "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
)
UNSET_GROUPS = {
    "区巩固拓展脱贫攻坚成果专班成员单位",
    "派出驻乡驻村干部和结对帮扶干部单位",
    "各衔接资金项目实施主管部门",
    "各消费帮扶责任单位",
    "派出驻乡驻村干部单位",
    "相关镇街",
}


async def _import() -> None:
    await import_plan(
        parse_notice(PLAN_FILE.read_text(encoding="utf-8")),
        OFFICE,
        parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8")),
    )


async def test_chain_reviewers_duties_and_gaps_of_the_bundled_plan(db: DatabaseUrl) -> None:
    await _import()
    graph = ResponsibilityGraph(await load_snapshot())

    chain = graph.accountability_chain(7, "双江镇")
    assert [path.names for path in chain.paths] == [
        ("双江镇", "各镇街", lead, OFFICE_NAME)
        for lead in ("区人力社保局", "区发展改革委", "区农业农村委")
    ]
    assert [r.name for r in graph.reviewers_of(7, "双江镇").reviewers] == [
        "区人力社保局",
        "区发展改革委",
        "区农业农村委",
    ]
    assert graph.duties_of("区人力社保局").lead_task_numbers == (7, 8, 9, 11)

    gaps = graph.gaps()
    assert sorted((g.group.name, g.task.number) for g in gaps.unscoped_groups) == [
        ("相关镇街", n) for n in (4, 10, 11, 12, 13)
    ]
    assert {g.name for g in gaps.groups_without_members} == UNSET_GROUPS
    assert gaps.unlisted_units == ()
    assert gaps.tasks_without_lead == ()
    assert gaps.membership_cycles == ()


async def test_scoping_a_related_group_closes_its_gap(db: DatabaseUrl) -> None:
    await _import()
    await set_group_members(
        OFFICE, "相关镇街", ["双江镇", "崇龛镇"], task_number=4, expected_version=1
    )
    graph = ResponsibilityGraph(await load_snapshot())

    assert sorted(g.task.number for g in graph.gaps().unscoped_groups) == [10, 11, 12, 13]
    responsible = graph.responsible_for(4)
    via = {r.unit.name: r.via for r in responsible.responsible_units}
    assert via == {"双江镇": ("相关镇街",), "崇龛镇": ("相关镇街",)}
    assert [p.names for p in graph.accountability_chain(4, "双江镇").paths] == [
        ("双江镇", "相关镇街", "区农业农村委", OFFICE_NAME)
    ]
    assert graph.accountability_chain(5, "双江镇").role is AssignmentRole.RESPONSIBLE
    assert graph.accountability_chain(4, "花岩镇").paths == ()
