"""The responsibility graph of one plan: built from a PlanSnapshot, with lookups and edge edits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import networkx as nx

from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import PlanSnapshot, TaskRecord, UnitRecord
from tongnan.responsibility_matrix import chain, duties, gaps, matrix, svg
from tongnan.responsibility_matrix.errors import NotAGroupError, UnknownTaskError, UnknownUnitError
from tongnan.responsibility_matrix.expansion import Expansion, expand
from tongnan.responsibility_matrix.nodes import (
    OFFICE_NODE,
    ROLE_KEY,
    EdgeKey,
    plan_node,
    section_node,
    task_node,
    unit_node,
)
from tongnan.responsibility_matrix.results import (
    AccountabilityChain,
    Gaps,
    Reviewers,
    TaskRef,
    TaskResponsibility,
    UnitDuties,
    UnitRef,
)

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.matrix import Matrix

DEFAULT_OFFICE_NAME: Final = "专班办公室"

# Directory order: departments, then subdistricts and towns, then everything else.
_CATEGORY: Final[dict[UnitKind, int]] = {
    UnitKind.DEPARTMENT: 0,
    UnitKind.SUBDISTRICT: 1,
    UnitKind.TOWN: 1,
}


class ResponsibilityGraph:
    """One plan as a networkx MultiDiGraph (edge key = relation), with the questions as methods.

    Nodes: ("office",) -> ("plan", id) -> ("section", n) -> ("task", id) -> ("unit", id);
    a lead unit -> the task's responsible units (``reports``, attribute ``tasks``);
    a group -> its members (``member``, attribute ``scopes``: task ids, None = every task).
    Plain-dict indices mirror the member and reports edges (sharing their attribute sets) so
    that queries never walk networkx views; every edit goes through ``_link_*``/``_unlink_*``,
    which keep both in step. Derived answers are cached and dropped by the edits that touch
    them (``version`` counts edits).
    """

    def __init__(self, snapshot: PlanSnapshot) -> None:
        self.plan_id: Final = snapshot.plan_id
        self.code: Final = snapshot.code
        self.title: Final = snapshot.title
        self.office_id: Final = snapshot.office_id
        self.version = 0
        self.graph: Any = nx.MultiDiGraph(plan_id=snapshot.plan_id, code=snapshot.code)
        self._units: dict[int, UnitRecord] = {}
        self._unit_refs: dict[int, UnitRef] = {}
        self._order: dict[int, tuple[int, int]] = {}
        self._by_name: dict[str, int] = {}
        self._by_short_name: dict[str, int] = {}
        self._tasks: dict[int, TaskRecord] = {}
        self._task_refs: dict[int, TaskRef] = {}
        self._by_number: dict[int, int] = {}
        self._task_ids: tuple[int, ...] = ()
        self._members: dict[int, dict[int, set[int | None]]] = {}  # group -> member -> scopes
        self._groups: dict[int, dict[int, set[int | None]]] = {}  # member -> group -> scopes
        self._reports_in: dict[int, dict[int, set[int]]] = {}  # responsible -> lead -> tasks
        self._positions: dict[tuple[int, AssignmentRole], dict[int, int]] = {}  # -> unit: pos
        self._assigned: dict[tuple[int, AssignmentRole], tuple[int, ...]] = {}
        self._expansions: dict[tuple[int, int | None], Expansion] = {}
        self._duties: dict[int, UnitDuties] = {}  # dropped on every edit
        self._build(snapshot)

    # ------------------------------------------------------------------ building

    def _build(self, snapshot: PlanSnapshot) -> None:
        g = self.graph
        office_name = DEFAULT_OFFICE_NAME
        for record in snapshot.units:
            self._add_unit(record)
            if record.id == snapshot.office_id:
                office_name = record.name
        g.add_node(OFFICE_NODE, kind="office", name=office_name, unit_id=snapshot.office_id)
        plan = plan_node(snapshot.plan_id)
        g.add_node(plan, kind="plan", name=snapshot.title, code=snapshot.code)
        g.add_edge(OFFICE_NODE, plan, key=EdgeKey.ISSUES)
        for section in snapshot.sections:
            node = section_node(section.number)
            g.add_node(node, kind="section", name=section.title, label=section.label)
            g.add_edge(plan, node, key=EdgeKey.CONTAINS)
        for task in snapshot.tasks:
            self._tasks[task.id] = task
            self._task_refs[task.id] = TaskRef(
                task.id, task.number, task.label, task.title, task.section_number
            )
            self._by_number[task.number] = task.id
            node = task_node(task.id)
            g.add_node(node, kind="task", name=task.title, number=task.number, label=task.label)
            parent = section_node(task.section_number)
            g.add_edge(parent if parent in g else plan, node, key=EdgeKey.CONTAINS)
        self._task_ids = tuple(sorted(self._tasks, key=lambda t: self._tasks[t].number))
        for m in snapshot.memberships:
            self._check_unit(m.group_id)
            self._check_unit(m.member_id)
            if m.task_id is not None:
                self._check_task(m.task_id)
            self._link_member(m.group_id, m.member_id, m.task_id)
        for a in snapshot.assignments:
            self._check_task(a.task_id)
            self._check_unit(a.unit_id)
            self._link_assignment(a.task_id, a.unit_id, a.role, a.position)
        for task_id in self._task_ids:
            for lead in self.assigned(task_id, AssignmentRole.LEAD):
                for resp in self.assigned(task_id, AssignmentRole.RESPONSIBLE):
                    self._link_reports(lead, resp, task_id)

    def _add_unit(self, record: UnitRecord) -> None:
        self._units[record.id] = record
        self._unit_refs[record.id] = UnitRef(
            record.id, record.name, record.kind, record.membership, record.listed
        )
        self._order[record.id] = (_CATEGORY.get(record.kind, 2), len(self._order))
        self._by_name.setdefault(record.name, record.id)
        if record.short_name:
            self._by_short_name.setdefault(record.short_name, record.id)
        self.graph.add_node(
            unit_node(record.id),
            kind="unit",
            name=record.name,
            short_name=record.short_name,
            unit_kind=record.kind,
            membership=record.membership,
            listed=record.listed,
        )

    def _check_unit(self, unit_id: int) -> None:
        if unit_id not in self._units:
            raise UnknownUnitError(f"unit id {unit_id} is not in the plan's directory")

    def _check_task(self, task_id: int) -> None:
        if task_id not in self._tasks:
            raise UnknownTaskError(f"task id {task_id} is not in plan {self.plan_id}")

    def _link_assignment(
        self, task_id: int, unit_id: int, role: AssignmentRole, position: int
    ) -> None:
        self.graph.add_edge(
            task_node(task_id), unit_node(unit_id), key=ROLE_KEY[role], position=position
        )
        self._positions.setdefault((task_id, role), {})[unit_id] = position
        self._assigned.pop((task_id, role), None)

    def _unlink_assignment(self, task_id: int, unit_id: int, role: AssignmentRole) -> None:
        self.graph.remove_edge(task_node(task_id), unit_node(unit_id), key=ROLE_KEY[role])
        del self._positions[(task_id, role)][unit_id]
        self._assigned.pop((task_id, role), None)

    def _link_member(self, group_id: int, member_id: int, task_id: int | None) -> None:
        scopes = self._members.get(group_id, {}).get(member_id)
        if scopes is None:
            scopes = {task_id}
            self.graph.add_edge(
                unit_node(group_id), unit_node(member_id), key=EdgeKey.MEMBER, scopes=scopes
            )
            self._members.setdefault(group_id, {})[member_id] = scopes
            self._groups.setdefault(member_id, {})[group_id] = scopes
        else:
            scopes.add(task_id)

    def _unlink_member(self, group_id: int, member_id: int, task_id: int | None) -> None:
        scopes = self._members.get(group_id, {}).get(member_id)
        if scopes is not None:
            scopes.discard(task_id)
            if not scopes:
                self.graph.remove_edge(
                    unit_node(group_id), unit_node(member_id), key=EdgeKey.MEMBER
                )
                del self._members[group_id][member_id]
                del self._groups[member_id][group_id]

    def _link_reports(self, lead: int, resp: int, task_id: int) -> None:
        if lead == resp:
            return
        tasks = self._reports_in.get(resp, {}).get(lead)
        if tasks is None:
            tasks = {task_id}
            self.graph.add_edge(unit_node(lead), unit_node(resp), key=EdgeKey.REPORTS, tasks=tasks)
            self._reports_in.setdefault(resp, {})[lead] = tasks
        else:
            tasks.add(task_id)

    def _unlink_reports(self, lead: int, resp: int, task_id: int) -> None:
        tasks = self._reports_in.get(resp, {}).get(lead)
        if tasks is not None:
            tasks.discard(task_id)
            if not tasks:
                self.graph.remove_edge(unit_node(lead), unit_node(resp), key=EdgeKey.REPORTS)
                del self._reports_in[resp][lead]

    # ------------------------------------------------------------------ lookups

    @property
    def task_ids(self) -> tuple[int, ...]:
        """Task ids in plan order (task number)."""
        return self._task_ids

    @property
    def unit_ids(self) -> tuple[int, ...]:
        """Unit ids in directory order."""
        return tuple(sorted(self._units, key=self._order.__getitem__))

    def has_unit(self, unit_id: int) -> bool:
        return unit_id in self._units

    def has_task(self, task_id: int) -> bool:
        return task_id in self._tasks

    def unit_record(self, unit_id: int) -> UnitRecord:
        return self._units[unit_id]

    def unit_ref(self, unit_id: int) -> UnitRef:
        return self._unit_refs[unit_id]

    def task_ref(self, task_id: int) -> TaskRef:
        return self._task_refs[task_id]

    def office_ref(self) -> UnitRef:
        """The issuing office; a placeholder named 专班办公室 when the directory has none."""
        if self.office_id is not None and self.office_id in self._unit_refs:
            ref = self._unit_refs[self.office_id]
            return UnitRef(ref.id, ref.name, UnitKind.OFFICE, Membership.NONE, ref.listed)
        return UnitRef(None, DEFAULT_OFFICE_NAME, UnitKind.OFFICE)

    def order_key(self, unit_id: int) -> tuple[int, int]:
        """Directory order: departments, then subdistricts/towns, then others; file order within."""
        return self._order[unit_id]

    def resolve_unit(self, unit: str | int) -> int:
        """A unit id from an id, a name or a short name."""
        if isinstance(unit, int):
            self._check_unit(unit)
            return unit
        name = unit.strip()
        found = self._by_name.get(name, self._by_short_name.get(name))
        if found is None:
            known = [*self._by_name, *self._by_short_name]
            raise UnknownUnitError(unknown_unit_message(name, known))
        return found

    def resolve_task(self, task_number: int) -> int:
        """A task id from the task's number in the plan (七 = 7)."""
        found = self._by_number.get(task_number)
        if found is None:
            raise UnknownTaskError(f"no task number {task_number} in plan {self.plan_id}")
        return found

    def is_group(self, unit_id: int) -> bool:
        return self._units[unit_id].membership is not Membership.NONE

    def membership(self, unit_id: int) -> Membership:
        return self._units[unit_id].membership

    def members_of(self, group_id: int, task_id: int | None) -> tuple[int, ...]:
        """Members valid on ``task_id`` (scoped to it, or to every task), in directory order."""
        out = [
            member
            for member, scopes in self._members.get(group_id, {}).items()
            if None in scopes or task_id in scopes
        ]
        out.sort(key=self._order.__getitem__)
        return tuple(out)

    def has_any_members(self, group_id: int) -> bool:
        """Whether any member is set, for any task."""
        return bool(self._members.get(group_id))

    def groups_of(self, unit_id: int, task_id: int) -> tuple[int, ...]:
        """The groups ``unit_id`` belongs to on ``task_id``, in directory order."""
        out = [
            group
            for group, scopes in self._groups.get(unit_id, {}).items()
            if None in scopes or task_id in scopes
        ]
        out.sort(key=self._order.__getitem__)
        return tuple(out)

    def member_edges(self) -> list[tuple[int, int]]:
        """Every (group, member) pair, whatever its scope."""
        return [(group, member) for group, members in self._members.items() for member in members]

    def assigned(self, task_id: int, role: AssignmentRole) -> tuple[int, ...]:
        """Units named for ``role`` on the task, in the notice's order."""
        cache_key = (task_id, role)
        cached = self._assigned.get(cache_key)
        if cached is not None:
            return cached
        found = [
            (position, self._order[unit], unit)
            for unit, position in self._positions.get(cache_key, {}).items()
        ]
        found.sort()
        result = tuple(unit for _, _, unit in found)
        self._assigned[cache_key] = result
        return result

    def reporting_leads(self, unit_id: int, task_id: int) -> tuple[int, ...]:
        """The leads a responsible unit reports to on the task (``reports`` edges), in order."""
        into = self._reports_in.get(unit_id)
        if not into:
            return ()
        return tuple(
            lead
            for lead in self.assigned(task_id, AssignmentRole.LEAD)
            if task_id in into.get(lead, ())
        )

    def expansion(self, root: int, task_id: int | None) -> Expansion:
        """Everything under ``root`` on the task; cached until membership changes."""
        key = (root, task_id)
        cached = self._expansions.get(key)
        if cached is None:
            cached = expand(self, root, task_id)
            self._expansions[key] = cached
        return cached

    # ------------------------------------------------------------------ edits

    def _touch(self, *, membership: bool) -> None:
        self.version += 1
        self._duties.clear()
        if membership:
            self._expansions.clear()

    def add_unit(self, record: UnitRecord) -> None:
        """Add a unit to the directory (e.g. one first named by a new assignment)."""
        if record.id in self._units:
            return
        self._add_unit(record)
        self._touch(membership=True)

    def add_assignment(
        self, task_id: int, unit_id: int, role: AssignmentRole, position: int | None = None
    ) -> bool:
        """Name a unit for a role on a task (appended when ``position`` is None).

        Only the task's edge and the lead -> responsible edges of that task change.
        Returns whether anything changed.
        """
        self._check_task(task_id)
        self._check_unit(unit_id)
        positions = self._positions.setdefault((task_id, role), {})
        if unit_id in positions:
            if position is None or positions[unit_id] == position:
                return False
            self._link_assignment(task_id, unit_id, role, position)  # re-position
            self._touch(membership=False)
            return True
        if position is None:
            position = 1 + max(positions.values(), default=-1)
        self._link_assignment(task_id, unit_id, role, position)
        if role is AssignmentRole.LEAD:
            for resp in self.assigned(task_id, AssignmentRole.RESPONSIBLE):
                self._link_reports(unit_id, resp, task_id)
        else:
            for lead in self.assigned(task_id, AssignmentRole.LEAD):
                self._link_reports(lead, unit_id, task_id)
        self._touch(membership=False)
        return True

    def remove_assignment(self, task_id: int, unit_id: int, role: AssignmentRole) -> bool:
        """Remove a unit's role on a task; returns whether it was there."""
        self._check_task(task_id)
        self._check_unit(unit_id)
        if unit_id not in self._positions.get((task_id, role), {}):
            return False
        self._unlink_assignment(task_id, unit_id, role)
        if role is AssignmentRole.LEAD:
            for resp in self.assigned(task_id, AssignmentRole.RESPONSIBLE):
                self._unlink_reports(unit_id, resp, task_id)
        else:
            for lead in self.assigned(task_id, AssignmentRole.LEAD):
                self._unlink_reports(lead, unit_id, task_id)
        self._touch(membership=False)
        return True

    def set_members(
        self, group_id: int, member_ids: Iterable[int], task_id: int | None = None
    ) -> bool:
        """Replace a group's members for one scope (every task, or one task).

        Only the group's member edges change. Returns whether anything changed.
        """
        self._check_unit(group_id)
        if not self.is_group(group_id):
            raise NotAGroupError(f"{self._units[group_id].name} is not a group")
        if task_id is not None:
            self._check_task(task_id)
        wanted = dict.fromkeys(member_ids)
        for member in wanted:
            self._check_unit(member)
        current = {
            member
            for member, scopes in self._members.get(group_id, {}).items()
            if task_id in scopes
        }
        removed = current.difference(wanted)
        added = [m for m in wanted if m not in current]
        if not removed and not added:
            return False
        for member in removed:
            self._unlink_member(group_id, member, task_id)
        for member in added:
            self._link_member(group_id, member, task_id)
        self._touch(membership=True)
        return True

    # ------------------------------------------------------------------ questions

    def accountability_chain(self, task_number: int, unit: str | int) -> AccountabilityChain:
        """Every path from the unit up to the office on the task (empty: no duty)."""
        return chain.accountability_chain(self, task_number, unit)

    def reviewers_of(self, task_number: int, unit: str | int) -> Reviewers:
        """Who reviews the unit's report on the task: its lead units, or the office for a lead."""
        return chain.reviewers_of(self, task_number, unit)

    def responsible_for(self, task_number: int) -> TaskResponsibility:
        """Lead and responsible units of the task, groups expanded to concrete units."""
        return duties.responsible_for(self, task_number)

    def duties_of(self, unit: str | int) -> UnitDuties:
        """Every task the unit leads or is responsible for, directly or via groups."""
        unit_id = self.resolve_unit(unit)
        found = self._duties.get(unit_id)
        if found is None:
            found = self._duties[unit_id] = duties.duties_of(self, unit_id)
        return found

    def gaps(self) -> Gaps:
        """What the plan leaves open (missing leads, unset members, cycles, …)."""
        return gaps.find_gaps(self)

    def matrix(self) -> Matrix:
        """The tasks × units table with per-unit load counts."""
        return matrix.build_matrix(self)

    def chain_svg(self, task_number: int) -> str:
        """The chain of one task as an SVG picture, in layers."""
        return svg.chain_svg(self, task_number)

    def matrix_svg(self) -> str:
        """The whole matrix as an SVG grid."""
        return svg.matrix_svg(self.matrix())
