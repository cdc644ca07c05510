"""The matrix answering the domain's question: which concrete unit owes which report."""

from __future__ import annotations

from collections.abc import Sequence

from tongnan.domain.models.reporting import ObligationKind
from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.domain.reporting.duties import Duties, ObligationSpec
from tongnan.responsibility_matrix.graph import ResponsibilityGraph


class GraphDutyResolver:
    """Leads owe a consolidated report; responsible units (groups expanded) owe their own."""

    def duties(self, snapshot: PlanSnapshot, task_numbers: Sequence[int]) -> Duties:
        graph = ResponsibilityGraph(snapshot)
        specs: list[ObligationSpec] = []
        unresolved: list[str] = []
        for number in task_numbers:
            answer = graph.responsible_for(number)
            task = answer.task
            for kind, units in (
                (ObligationKind.CONSOLIDATED, answer.lead_units),
                (ObligationKind.UNIT, answer.responsible_units),
            ):
                for resolved in units:
                    assert resolved.unit.id is not None
                    specs.append(ObligationSpec(task.id, resolved.unit.id, kind, resolved.via))
            for group in answer.unexpanded:
                unresolved.append(
                    f"task {task.label}: the members of {group.group.name} "
                    f"({group.role.value}) are not set, so none of them owes a report"
                )
        return Duties(tuple(specs), tuple(unresolved))
