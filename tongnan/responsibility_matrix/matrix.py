"""The tasks × units responsibility matrix, with per-unit load counts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tongnan.domain.common.values import AssignmentRole
from tongnan.responsibility_matrix import export
from tongnan.responsibility_matrix.results import TaskRef, UnitRef

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.graph import ResponsibilityGraph


class Mark(StrEnum):
    """How a unit holds a role on a task."""

    DIRECT = "DIRECT"  # named in the notice
    VIA_GROUP = "VIA_GROUP"  # through a group it belongs to


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """A unit's roles on a task; ``text`` is "L", "R", "L*", "R*" or e.g. "L/R*"."""

    lead: Mark | None = None
    responsible: Mark | None = None

    @property
    def text(self) -> str:
        parts = []
        if self.lead is not None:
            parts.append("L" if self.lead is Mark.DIRECT else "L*")
        if self.responsible is not None:
            parts.append("R" if self.responsible is Mark.DIRECT else "R*")
        return "/".join(parts)


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    """A concrete unit, or a group whose members are not known, and its load."""

    unit: UnitRef
    lead_count: int
    responsible_count: int

    @property
    def unexpanded_group(self) -> bool:
        return self.unit.is_group


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A task, its units as written, and one cell per column (None: no role)."""

    task: TaskRef
    leads: tuple[str, ...]
    responsible: tuple[str, ...]
    cells: tuple[MatrixCell | None, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    """Rows in plan order, columns in directory order."""

    plan_code: str
    plan_title: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]

    def column_index(self, unit_name: str) -> int:
        for i, column in enumerate(self.columns):
            if column.unit.name == unit_name:
                return i
        raise KeyError(unit_name)

    def cell(self, task_number: int, unit_name: str) -> MatrixCell | None:
        index = self.column_index(unit_name)
        for row in self.rows:
            if row.task.number == task_number:
                return row.cells[index]
        raise KeyError(task_number)

    def to_csv(self) -> str:
        return export.to_csv(self)

    def to_xlsx(self) -> bytes:
        return export.to_xlsx(self)


def _better(old: Mark | None, new: Mark) -> Mark:
    return Mark.DIRECT if Mark.DIRECT in (old, new) else new


def build_matrix(rg: ResponsibilityGraph) -> Matrix:
    """Cells from every assignment's expansion; expanded groups give way to their members."""
    marks: dict[tuple[int, int], dict[AssignmentRole, Mark]] = {}
    for task_id in rg.task_ids:
        for role in (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE):
            for assigned in rg.assigned(task_id, role):
                expansion = rg.expansion(assigned, task_id)
                unexpanded = set(expansion.unexpanded)
                for reach in expansion.reached:
                    if rg.is_group(reach.unit_id) and reach.unit_id not in unexpanded:
                        continue
                    cell = marks.setdefault((task_id, reach.unit_id), {})
                    new = Mark.DIRECT if reach.direct else Mark.VIA_GROUP
                    cell[role] = _better(cell.get(role), new)
    units = sorted({unit for _, unit in marks}, key=rg.order_key)
    columns = tuple(
        MatrixColumn(
            rg.unit_ref(unit),
            sum(1 for t in rg.task_ids if AssignmentRole.LEAD in marks.get((t, unit), {})),
            sum(1 for t in rg.task_ids if AssignmentRole.RESPONSIBLE in marks.get((t, unit), {})),
        )
        for unit in units
    )
    rows = []
    for task_id in rg.task_ids:
        cells: list[MatrixCell | None] = []
        for unit in units:
            found = marks.get((task_id, unit))
            cells.append(
                None
                if found is None
                else MatrixCell(
                    found.get(AssignmentRole.LEAD), found.get(AssignmentRole.RESPONSIBLE)
                )
            )
        rows.append(
            MatrixRow(
                rg.task_ref(task_id),
                tuple(rg.unit_ref(u).name for u in rg.assigned(task_id, AssignmentRole.LEAD)),
                tuple(
                    rg.unit_ref(u).name for u in rg.assigned(task_id, AssignmentRole.RESPONSIBLE)
                ),
                tuple(cells),
            )
        )
    return Matrix(rg.code, rg.title, columns, tuple(rows))
