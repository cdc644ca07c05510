"""The questions agree with each other: duties (walked up) against expansions (walked down)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tongnan.domain.common.values import AssignmentRole
from tongnan.responsibility_matrix import Duty, ResponsibilityGraph

from .real_plan import real_plan_builder
from .sample_plans import cyclic, nested


def scoped_real_plan() -> ResponsibilityGraph:
    b = real_plan_builder()
    b.member("相关镇街", "双江镇", "古溪镇", task=4)
    b.member("相关镇街", "双江镇", task=11)
    b.member("区巩固拓展脱贫攻坚成果专班成员单位", "区财政局", "各镇街")  # nested
    return ResponsibilityGraph(b.snapshot())


GRAPHS = {"real": scoped_real_plan, "nested": nested, "cyclic": cyclic}


@pytest.mark.parametrize("make", GRAPHS.values(), ids=list(GRAPHS))
def test_duties_match_responsible_for(make: Callable[[], ResponsibilityGraph]) -> None:
    rg = make()
    expected: dict[int, list[Duty]] = {}
    for task_id in rg.task_ids:
        answer = rg.responsible_for(rg.task_ref(task_id).number)
        for role, units in (
            (AssignmentRole.LEAD, answer.lead_units),
            (AssignmentRole.RESPONSIBLE, answer.responsible_units),
        ):
            for resolved in units:
                expected.setdefault(resolved.unit.id or 0, []).append(
                    Duty(answer.task, role, resolved.direct, resolved.via)
                )
    for unit_id in rg.unit_ids:
        if rg.is_group(unit_id):
            continue
        assert list(rg.duties_of(unit_id).duties) == expected.get(unit_id, []), unit_id


@pytest.mark.parametrize("make", GRAPHS.values(), ids=list(GRAPHS))
def test_chains_reviewers_and_matrix_agree_on_who_has_a_duty(
    make: Callable[[], ResponsibilityGraph],
) -> None:
    rg = make()
    matrix = rg.matrix()
    columns = {c.unit.id: i for i, c in enumerate(matrix.columns)}
    for row in matrix.rows:
        for unit_id in rg.unit_ids:
            if rg.is_group(unit_id):
                continue
            chain = rg.accountability_chain(row.task.number, unit_id)
            index = columns.get(unit_id)
            cell = None if index is None else row.cells[index]
            assert chain.has_duty == (cell is not None)
            if cell is not None:
                assert (chain.role is AssignmentRole.LEAD) == (cell.lead is not None)
            reviewers = rg.reviewers_of(row.task.number, unit_id)
            assert bool(reviewers.reviewers) == chain.has_duty
