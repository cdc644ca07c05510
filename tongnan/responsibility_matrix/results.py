"""Typed, frozen answers to the responsibility questions (plain data, no GraphQL types)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit (concrete or group) as the answers name it."""

    id: int | None  # None only for an issuing office that is not in the directory
    name: str
    kind: UnitKind
    membership: Membership = Membership.NONE
    listed: bool = True

    @property
    def is_group(self) -> bool:
        return self.membership is not Membership.NONE


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A task of the plan."""

    id: int
    number: int
    label: str
    title: str
    section_number: int


class StepKind(StrEnum):
    """What a step of an accountability path is."""

    UNIT = "UNIT"  # a concrete unit without a lead role on the task
    GROUP = "GROUP"  # a group (collective) without a lead role on the task
    LEAD = "LEAD"  # a lead unit (or lead group) of the task
    OFFICE = "OFFICE"  # the issuing office, the top of every path


class Relation(StrEnum):
    """How a step is tied to the next one up."""

    MEMBER_OF = "MEMBER_OF"  # unit -> a group it belongs to (for this task)
    REPORTS_TO = "REPORTS_TO"  # responsible unit/group -> a lead unit of the task
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"  # lead (or a task without lead) -> the office


@dataclass(frozen=True, slots=True)
class ChainStep:
    """One step of a path; ``relation`` ties it to the next step (None on the office)."""

    kind: StepKind
    unit: UnitRef
    relation: Relation | None

    @property
    def name(self) -> str:
        return self.unit.name


@dataclass(frozen=True, slots=True)
class ChainPath:
    """One way a report travels from a unit up to the office."""

    steps: tuple[ChainStep, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.unit.name for step in self.steps)


@dataclass(frozen=True, slots=True)
class AccountabilityChain:
    """Every path from ``unit`` to the office on ``task``; no paths when the unit has no duty."""

    task: TaskRef
    unit: UnitRef
    role: AssignmentRole | None  # LEAD if the unit leads (directly or via a group), None: no duty
    paths: tuple[ChainPath, ...]

    @property
    def has_duty(self) -> bool:
        return self.role is not None


@dataclass(frozen=True, slots=True)
class ResolvedUnit:
    """A unit holding a role on a task, and the groups (outermost first) it came through."""

    unit: UnitRef
    direct: bool  # named in the notice itself
    via: tuple[str, ...]  # group names it came through; empty when only direct


@dataclass(frozen=True, slots=True)
class UnexpandedGroup:
    """A group holding a role on a task whose members are not known for that task."""

    group: UnitRef
    role: AssignmentRole
    via: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TaskResponsibility:
    """Who leads and who is responsible for a task, as written and expanded to concrete units."""

    task: TaskRef
    leads_as_written: tuple[UnitRef, ...]
    responsible_as_written: tuple[UnitRef, ...]
    lead_units: tuple[ResolvedUnit, ...]  # concrete units only
    responsible_units: tuple[ResolvedUnit, ...]  # concrete units only
    unexpanded: tuple[UnexpandedGroup, ...]


@dataclass(frozen=True, slots=True)
class Duty:
    """One role a unit holds on one task, directly or through groups."""

    task: TaskRef
    role: AssignmentRole
    direct: bool
    via: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitDuties:
    """Every duty of a unit, in plan order (task number, then lead before responsible)."""

    unit: UnitRef
    duties: tuple[Duty, ...]

    def task_numbers(self, role: AssignmentRole) -> tuple[int, ...]:
        return tuple(d.task.number for d in self.duties if d.role is role)

    @property
    def lead_task_numbers(self) -> tuple[int, ...]:
        return self.task_numbers(AssignmentRole.LEAD)

    @property
    def responsible_task_numbers(self) -> tuple[int, ...]:
        return self.task_numbers(AssignmentRole.RESPONSIBLE)


@dataclass(frozen=True, slots=True)
class Reviewers:
    """Who reviews a report from ``unit`` on ``task``: its lead units, or the office for a lead."""

    task: TaskRef
    unit: UnitRef
    role: AssignmentRole | None
    reviewers: tuple[UnitRef, ...]

    @property
    def by_office(self) -> bool:
        return any(r.kind is UnitKind.OFFICE for r in self.reviewers)


@dataclass(frozen=True, slots=True)
class UnscopedGroup:
    """A PER_TASK group used on a task without any member chosen for that task."""

    group: UnitRef
    task: TaskRef


@dataclass(frozen=True, slots=True)
class AmbiguousLead:
    """A lead that is a group whose members are not (all) known for the task."""

    group: UnitRef
    task: TaskRef


@dataclass(frozen=True, slots=True)
class Gaps:
    """What the plan leaves open; every list is empty for a complete plan."""

    tasks_without_lead: tuple[TaskRef, ...]
    groups_without_members: tuple[UnitRef, ...]  # STATIC or PER_TASK groups used by the plan
    unscoped_groups: tuple[UnscopedGroup, ...]
    unlisted_units: tuple[UnitRef, ...]  # named by the plan, not in the directory
    membership_cycles: tuple[tuple[UnitRef, ...], ...]  # each cycle once, as a closed walk
    ambiguous_leads: tuple[AmbiguousLead, ...]

    @property
    def is_empty(self) -> bool:
        return not (
            self.tasks_without_lead
            or self.groups_without_members
            or self.unscoped_groups
            or self.unlisted_units
            or self.membership_cycles
            or self.ambiguous_leads
        )
