"""The plan's list sizes, as the cost model reads them, agree with the responsibility graph."""

from __future__ import annotations

from tests.integration.matrix.test_stored_plan import OFFICE, _import
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.plans.fan_out import fan_out_of
from tongnan.domain.plans.groups import set_group_members
from tongnan.domain.plans.plan_view import load_plan_view
from tongnan.responsibility_matrix import ResponsibilityGraph


async def test_sizes_of_the_bundled_plan_match_the_graph(db: DatabaseUrl) -> None:
    await _import()
    await set_group_members(
        OFFICE, "相关镇街", ["双江镇", "崇龛镇"], task_number=4, expected_version=1
    )
    view = await load_plan_view()
    graph = ResponsibilityGraph(view.snapshot())
    sizes = fan_out_of(view)

    duties = {u.id: graph.duties_of(u.id).duties for u in view.units if graph.has_unit(u.id)}
    assert sizes.duties == sum(len(d) for d in duties.values())
    assert sizes.duties_per_unit == max(len(d) for d in duties.values())
    holders: dict[int, int] = {}
    for unit_duties in duties.values():
        for duty in unit_duties:
            holders[duty.task.id] = holders.get(duty.task.id, 0) + 1
    assert sizes.units_per_task == max(holders.values())

    assert (sizes.units, sizes.tasks, sizes.sections) == (
        len(view.units),
        22,
        len(view.sections),
    )
    towns = next(u for u in view.units if u.name == "各镇街")
    assert sizes.members_per_group == len(view.members_of[towns.id]) == 22
    assert sizes.responsible_per_task == max(
        len(graph.responsible_for(t.number).responsible_as_written) for t in view.tasks
    )
    assert sizes.leads_per_task == max(
        len(graph.responsible_for(t.number).leads_as_written) for t in view.tasks
    )
    assert sizes.targets_per_task == max(len(ts) for ts in view.targets_of_task.values())
