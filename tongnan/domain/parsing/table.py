"""Task tables: a header row naming 序号, 任务 / 事项 / 工作内容, 牵头单位, 责任单位, 完成时限,
责任领导, 分类, and one task per row below it (a row with only its 分类 filled is a heading)."""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.parsing.annotation import Annotation, header_key, units_of

_TASK_HEADERS = ("任务", "事项", "工作内容", "工作任务", "重点任务", "任务内容", "具体任务")
_CATEGORY_HEADERS = ("分类", "类别", "项目", "板块", "领域", "工作类别", "任务类别")
_NUMBER_HEADERS = ("序号", "编号", "号")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which cell holds what in a task table's rows."""

    number: int | None
    task: int
    category: int | None
    keys: tuple[tuple[int, str], ...]  # (cell, lead|responsible|leaders|deadline)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row read with the table's columns."""

    label: str
    text: str
    category: str
    annotation: Annotation


def read_header(cells: tuple[str, ...]) -> Columns | None:
    """The columns, if the row is a task table's header (a task column and a unit column)."""
    names = ["".join(c.split()) for c in cells]
    task = next((k for k, n in enumerate(names) if n in _TASK_HEADERS), None)
    if task is None:
        task = next((k for k, n in enumerate(names) if n.endswith(("任务", "事项", "内容"))), None)
    keys = tuple((k, kind) for k, n in enumerate(names) if (kind := header_key(n)) is not None)
    if task is None or not any(kind in ("lead", "responsible") for _, kind in keys):
        return None
    number = next((k for k, n in enumerate(names) if n in _NUMBER_HEADERS), None)
    category = next((k for k, n in enumerate(names) if n in _CATEGORY_HEADERS), None)
    return Columns(number, task, category, keys)


def read_row(columns: Columns, cells: tuple[str, ...]) -> TableRow:
    """A data row as a task (its text may be empty: a category heading)."""

    def cell(at: int | None) -> str:
        return cells[at].strip() if at is not None and at < len(cells) else ""

    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: str | None = None
    open_ended = False
    for at, kind in columns.keys:
        value = cell(at)
        if kind == "deadline":
            deadline = value or None
            continue
        names, more = units_of(value)
        open_ended = open_ended or more
        if kind == "lead":
            lead += names
        elif kind == "responsible":
            responsible += names
        else:
            leaders += names
    annotation = Annotation(lead, responsible, leaders, deadline, open_ended)
    return TableRow(cell(columns.number), cell(columns.task), cell(columns.category), annotation)
