"""The pool of a spot-check draw: the concrete units with a duty on the tasks checked."""

from __future__ import annotations

from collections.abc import Sequence

from tongnan.domain.common.values import UnitKind
from tongnan.domain.rules.sampling import Candidate
from tongnan.schema.common.plan_cache import PlanBundle

NEVER_DRAWN = (UnitKind.OFFICE, UnitKind.GROUP)


def duty_pool(
    bundle: PlanBundle, task_numbers: Sequence[int], kinds: Sequence[UnitKind] | None
) -> tuple[Candidate, ...]:
    """Lead and responsible units (groups expanded) of the tasks (all tasks when none are
    given), of the given kinds, in directory order."""
    graph = bundle.graph
    numbers = list(task_numbers) or [t.number for t in bundle.view.tasks]
    found: dict[int, Candidate] = {}
    for number in numbers:
        if number not in bundle.view.tasks_by_number:
            continue  # the use case reports it, naming the field
        answer = graph.responsible_for(number)
        for resolved in answer.lead_units + answer.responsible_units:
            unit = resolved.unit
            if unit.id is None or unit.kind in NEVER_DRAWN or (kinds and unit.kind not in kinds):
                continue
            found.setdefault(unit.id, Candidate(unit.id, unit.name))
    order = {u.id: index for index, u in enumerate(bundle.view.units)}
    return tuple(sorted(found.values(), key=lambda c: order.get(c.id, len(order))))
