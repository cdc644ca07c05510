"""Node ids and edge keys of the responsibility graph: small, hashable, stable tuples."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from tongnan.domain.common.values import AssignmentRole

NodeId = tuple[str] | tuple[str, int]

OFFICE_NODE: Final[tuple[str]] = ("office",)


def unit_node(unit_id: int) -> tuple[str, int]:
    """The node of a unit (concrete or group) of the directory."""
    return ("unit", unit_id)


def task_node(task_id: int) -> tuple[str, int]:
    """The node of a task, by its storage id."""
    return ("task", task_id)


def section_node(number: int) -> tuple[str, int]:
    """The node of a section, by its number (一 = 1)."""
    return ("section", number)


def plan_node(plan_id: int) -> tuple[str, int]:
    """The node of the plan."""
    return ("plan", plan_id)


class EdgeKey(StrEnum):
    """The relation an edge stands for; also its key in the MultiDiGraph (one edge per key)."""

    ISSUES = "issues"  # office -> plan
    CONTAINS = "contains"  # plan -> section, section -> task
    LEAD = "lead"  # task -> lead unit (attribute ``position``)
    RESPONSIBLE = "responsible"  # task -> responsible unit (attribute ``position``)
    REPORTS = "reports"  # lead unit -> responsible unit (attribute ``tasks``: set of task ids)
    MEMBER = "member"  # group -> member (attribute ``scopes``: set of task ids, None = all tasks)


ROLE_KEY: Final[dict[AssignmentRole, EdgeKey]] = {
    AssignmentRole.LEAD: EdgeKey.LEAD,
    AssignmentRole.RESPONSIBLE: EdgeKey.RESPONSIBLE,
}
