"""A plain, immutable picture of one stored plan and the directory, for graph and view builders.

Loaded from storage by ``tongnan.domain.plans.plan_snapshot_loader.load_snapshot``; built by hand
in tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: int
    name: str
    short_name: str | None
    kind: UnitKind
    membership: Membership  # NONE for a concrete unit; how members are known for a group
    parent_id: int | None
    listed: bool  # False when the unit was first named by a plan and is not in the directory


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    group_id: int
    member_id: int
    task_id: int | None  # set for task-scoped members of a PER_TASK group (相关镇街)


@dataclass(frozen=True, slots=True)
class SectionRecord:
    number: int
    label: str
    title: str


@dataclass(frozen=True, slots=True)
class TaskRecord:
    id: int
    number: int
    label: str
    title: str
    section_number: int


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    task_id: int
    unit_id: int
    role: AssignmentRole
    position: int  # order in the notice's annotation, 0-based within (task, role)


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    plan_id: int
    code: str
    title: str
    office_id: int | None  # the issuing office's unit, when the directory has one
    sections: tuple[SectionRecord, ...]
    tasks: tuple[TaskRecord, ...]
    units: tuple[UnitRecord, ...]
    memberships: tuple[MembershipRecord, ...]
    assignments: tuple[AssignmentRecord, ...]
