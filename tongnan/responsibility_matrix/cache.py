"""Freshness: one built graph per plan in memory, edited in place or dropped when stale."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.responsibility_matrix.graph import ResponsibilityGraph

Loader = Callable[[int], PlanSnapshot]


class MatrixRegistry:
    """Graphs by plan id; edits change only the affected edges, ``invalidate`` drops a graph.

    ``loader`` (plan id -> snapshot) rebuilds a dropped or missing graph on the next ``get``.
    An edit that a graph cannot apply (e.g. a unit it has never seen) drops that graph instead.
    Not thread-safe: use it from one thread or one event loop.
    """

    def __init__(self, loader: Loader | None = None) -> None:
        self._loader = loader
        self._graphs: dict[int, ResponsibilityGraph] = {}
        self._plan_of_task: dict[int, int] = {}
        self.builds = 0  # how many graphs were built (full rebuilds), for tests and metrics

    def __contains__(self, plan_id: object) -> bool:
        return plan_id in self._graphs

    def __len__(self) -> int:
        return len(self._graphs)

    @property
    def plan_ids(self) -> tuple[int, ...]:
        return tuple(self._graphs)

    def put(self, snapshot: PlanSnapshot) -> ResponsibilityGraph:
        """Build (or rebuild) the graph of a snapshot and keep it."""
        self.invalidate(snapshot.plan_id)
        graph = ResponsibilityGraph(snapshot)
        self.builds += 1
        self._graphs[snapshot.plan_id] = graph
        for task_id in graph.task_ids:
            self._plan_of_task[task_id] = snapshot.plan_id
        return graph

    def get(self, plan_id: int) -> ResponsibilityGraph:
        """The plan's graph, loading and building it when it is not (or no longer) kept."""
        graph = self._graphs.get(plan_id)
        if graph is not None:
            return graph
        if self._loader is None:
            raise KeyError(f"plan {plan_id} is not loaded and the registry has no loader")
        return self.put(self._loader(plan_id))

    def version(self, plan_id: int) -> int | None:
        """The kept graph's edit count, or None when it is not kept."""
        graph = self._graphs.get(plan_id)
        return None if graph is None else graph.version

    def invalidate(self, plan_id: int) -> None:
        """Forget a plan's graph (a change made elsewhere); the next ``get`` rebuilds it."""
        graph = self._graphs.pop(plan_id, None)
        if graph is not None:
            for task_id in graph.task_ids:
                self._plan_of_task.pop(task_id, None)

    def invalidate_all(self) -> None:
        self._graphs.clear()
        self._plan_of_task.clear()

    def graph_of_task(self, task_id: int) -> ResponsibilityGraph | None:
        plan_id = self._plan_of_task.get(task_id)
        return None if plan_id is None else self._graphs.get(plan_id)

    def add_assignment(
        self, task_id: int, unit_id: int, role: AssignmentRole, position: int | None = None
    ) -> bool:
        """Apply a new assignment to the kept graph of its plan (no-op when none is kept)."""
        graph = self.graph_of_task(task_id)
        if graph is None:
            return False
        try:
            return graph.add_assignment(task_id, unit_id, role, position)
        except LookupError:
            self.invalidate(graph.plan_id)
            return True

    def remove_assignment(self, task_id: int, unit_id: int, role: AssignmentRole) -> bool:
        """Apply a removed assignment to the kept graph of its plan (no-op when none is kept)."""
        graph = self.graph_of_task(task_id)
        if graph is None:
            return False
        try:
            return graph.remove_assignment(task_id, unit_id, role)
        except LookupError:
            self.invalidate(graph.plan_id)
            return True

    def set_members(
        self, group_id: int, member_ids: Iterable[int], task_id: int | None = None
    ) -> bool:
        """Replace a group's members: on one task's plan, or (task None) on every kept plan."""
        members = tuple(member_ids)
        if task_id is not None:
            graph = self.graph_of_task(task_id)
            targets = [] if graph is None else [graph]
        else:
            targets = [g for g in self._graphs.values() if g.has_unit(group_id)]
        changed = False
        for graph in targets:
            try:
                changed = graph.set_members(group_id, members, task_id) or changed
            except LookupError:
                self.invalidate(graph.plan_id)
                changed = True
        return changed
