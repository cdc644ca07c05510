"""Hand-written SVG pictures: one task's chain in layers, and the whole matrix as a grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from xml.sax.saxutils import escape

from tongnan.domain.common.values import AssignmentRole

if TYPE_CHECKING:
    from tongnan.responsibility_matrix.graph import ResponsibilityGraph
    from tongnan.responsibility_matrix.matrix import Matrix

FONT: Final = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
CHAR_W: Final = 13  # px per (CJK) character at 12 px
BOX_H: Final = 28
ROW_GAP: Final = 44
BOX_GAP: Final = 12
MAX_ROW_W: Final = 1400
MARGIN: Final = 16
CELL: Final = 22

_ATTR_ENTITIES: Final = {'"': "&quot;"}
_STYLE: Final = {  # kind -> (fill, stroke, text colour)
    "office": ("#2c3e50", "#2c3e50", "#ffffff"),
    "task": ("#34495e", "#34495e", "#ffffff"),
    "lead": ("#c0392b", "#922b21", "#ffffff"),
    "group": ("#fdebd0", "#d68910", "#000000"),
    "unit": ("#ecf0f1", "#7f8c8d", "#000000"),
}
_CELL_FILL: Final = {"L": "#c0392b", "L*": "#f1948a", "R": "#2e86c1", "R*": "#aed6f1"}


def _attr(value: str) -> str:
    return escape(value, _ATTR_ENTITIES)


def _text(
    x: float,
    y: float,
    value: str,
    *,
    fill: str = "#000000",
    anchor: str = "middle",
    size: int = 12,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{escape(value)}</text>'
    )


def _document(width: float, height: float, body: list[str], title: str) -> str:
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_attr(FONT)}">',
            f"<title>{escape(title)}</title>",
            f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
            *body,
            "</svg>",
        ]
    )


@dataclass(slots=True)
class _Box:
    key: tuple[str, int]
    label: str
    kind: str
    note: str
    x: float = 0.0
    y: float = 0.0

    @property
    def width(self) -> float:
        return max(60, CHAR_W * max(len(self.label), len(self.note)) + 16)


_Key = tuple[str, int]


def _row_width(row: list[_Box]) -> float:
    return sum(b.width for b in row) + BOX_GAP * (len(row) - 1)


def _layers(
    rg: ResponsibilityGraph, task_id: int
) -> tuple[list[list[_Box]], list[tuple[_Key, _Key]]]:
    """Boxes per layer (office, task, leads, responsible, members…) and the edges between them."""
    task = rg.task_ref(task_id)
    office = rg.office_ref()
    layers: list[list[_Box]] = [
        [_Box(("office", 0), office.name, "office", "")],
        [_Box(("task", task_id), f"{task.label}{task.title}", "task", "")],
    ]
    edges: list[tuple[_Key, _Key]] = [(("office", 0), ("task", task_id))]
    placed: set[int] = set()

    def box(unit_id: int, lead: bool) -> _Box:
        placed.add(unit_id)
        group = rg.is_group(unit_id)
        unknown = group and not rg.members_of(unit_id, task_id)
        kind = "lead" if lead else ("group" if group else "unit")
        return _Box(
            ("unit", unit_id), rg.unit_ref(unit_id).name, kind, "成员未定" if unknown else ""
        )

    leads = rg.assigned(task_id, AssignmentRole.LEAD)
    layers.append([box(u, True) for u in leads])
    edges.extend((("task", task_id), ("unit", u)) for u in leads)
    responsible = [u for u in rg.assigned(task_id, AssignmentRole.RESPONSIBLE) if u not in placed]
    layers.append([box(u, False) for u in responsible])
    for u in responsible:  # under each lead it reports to; under the task when there is none
        ups = [("unit", lead) for lead in rg.reporting_leads(u, task_id)] or [("task", task_id)]
        edges.extend((up, ("unit", u)) for up in ups)
    frontier = [*leads, *responsible]
    while frontier:
        nxt: list[int] = []
        for group in frontier:
            if not rg.is_group(group):
                continue
            for member in rg.members_of(group, task_id):
                edges.append((("unit", group), ("unit", member)))
                if member not in placed:
                    placed.add(member)
                    nxt.append(member)
        if nxt:
            layers.append([box(u, False) for u in nxt])
        frontier = nxt
    return [layer for layer in layers if layer], edges


def chain_svg(rg: ResponsibilityGraph, task_number: int) -> str:
    """Office, task, leads, responsible units, then group members, one layer per row band."""
    task_id = rg.resolve_task(task_number)
    layers, edges = _layers(rg, task_id)
    rows: list[list[_Box]] = []
    for layer in layers:  # a wide layer is cut into rows of about equal length
        total = sum(b.width + BOX_GAP for b in layer)
        count = max(1, math.ceil(total / MAX_ROW_W))
        size = math.ceil(len(layer) / count)
        while (
            count > 1
            and max(_row_width(layer[i : i + size]) for i in range(0, len(layer), size)) > MAX_ROW_W
        ):
            size -= 1
        rows.extend(layer[i : i + size] for i in range(0, len(layer), size))
    width = max(_row_width(row) for row in rows) + 2 * MARGIN
    y = float(MARGIN)
    where: dict[tuple[str, int], _Box] = {}
    for row in rows:
        x = (width - _row_width(row)) / 2
        for b in row:
            b.x, b.y = x, y
            x += b.width + BOX_GAP
            where[b.key] = b
        y += BOX_H + ROW_GAP
    height = y - ROW_GAP + MARGIN
    body: list[str] = ['<g stroke="#95a5a6" stroke-width="1">']
    for parent, child in edges:
        top, bottom = where.get(parent), where.get(child)
        if top is None or bottom is None:
            continue
        body.append(
            f'<line x1="{top.x + top.width / 2:.1f}" y1="{top.y + BOX_H:.1f}" '
            f'x2="{bottom.x + bottom.width / 2:.1f}" y2="{bottom.y:.1f}"/>'
        )
    body.append("</g>")
    for b in where.values():
        fill, stroke, ink = _STYLE[b.kind]
        dash = ' stroke-dasharray="4 3"' if b.note else ""
        body.append(f"<g><title>{escape(b.label)}</title>")
        body.append(
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.width:.1f}" height="{BOX_H}" rx="4" '
            f'fill="{fill}" stroke="{stroke}"{dash}/>'
        )
        cy = b.y + (12 if b.note else 18)
        body.append(_text(b.x + b.width / 2, cy, b.label, fill=ink))
        if b.note:
            body.append(_text(b.x + b.width / 2, b.y + 24, b.note, fill="#922b21", size=9))
        body.append("</g>")
    task = rg.task_ref(task_id)
    return _document(width, height, body, f"{task.label}{task.title} 责任链")


def matrix_svg(matrix: Matrix) -> str:
    """Tasks down, units across (names rotated), shaded cells, load rows and a legend."""
    num_w = 36
    title_w = min(
        420,
        CHAR_W * max((len(r.task.label) + len(r.task.title) for r in matrix.rows), default=4) + 12,
    )
    title_w = max(title_w, CHAR_W * 6)
    header_h = min(320, CHAR_W * max((len(c.unit.name) for c in matrix.columns), default=2) + 12)
    left = MARGIN + num_w + title_w
    top = MARGIN + header_h
    n_cols, n_rows = len(matrix.columns), len(matrix.rows)
    width = left + CELL * n_cols + MARGIN
    grid_bottom = top + CELL * (n_rows + 2)
    height = grid_bottom + 4 * 18 + MARGIN + 8
    body: list[str] = []
    body.append(_text(MARGIN + num_w / 2, top - 6, "序号"))
    body.append(_text(MARGIN + num_w + 4, top - 6, "任务", anchor="start"))
    for j, column in enumerate(matrix.columns):
        cx = left + CELL * j + CELL / 2 + 4
        ink = "#922b21" if column.unexpanded_group else "#000000"
        body.append(
            _text(
                cx,
                top - 4,
                column.unit.name,
                fill=ink,
                anchor="start",
                extra=f' transform="rotate(-90 {cx:.1f} {top - 4:.1f})"',
            )
        )
    for i, row in enumerate(matrix.rows):
        row_y = top + CELL * i
        body.append(_text(MARGIN + num_w / 2, row_y + 15, str(row.task.number)))
        body.append(
            _text(
                MARGIN + num_w + 4, row_y + 15, f"{row.task.label}{row.task.title}", anchor="start"
            )
        )
        for j, cell in enumerate(row.cells):
            if cell is None:
                continue
            text = cell.text
            fill = _CELL_FILL.get(text.split("/")[0], "#dddddd")
            cell_x = left + CELL * j
            body.append(
                f'<rect x="{cell_x}" y="{row_y}" width="{CELL}" height="{CELL}" fill="{fill}"/>'
            )
            body.append(_text(cell_x + CELL / 2, row_y + 15, text, size=9 if len(text) > 2 else 11))
    for k, (label, counts) in enumerate(
        (
            ("牵头任务数", [c.lead_count for c in matrix.columns]),
            ("责任任务数", [c.responsible_count for c in matrix.columns]),
        )
    ):
        total_y = top + CELL * (n_rows + k)
        body.append(_text(MARGIN + num_w + 4, total_y + 15, label, anchor="start"))
        for j, count in enumerate(counts):
            body.append(_text(left + CELL * j + CELL / 2, total_y + 15, str(count), size=11))
    body.append('<g stroke="#bdc3c7" stroke-width="0.5">')
    for i in range(n_rows + 3):
        line_y = top + CELL * i
        body.append(
            f'<line x1="{MARGIN}" y1="{line_y}" x2="{left + CELL * n_cols}" y2="{line_y}"/>'
        )
    for j in range(n_cols + 1):
        line_x = left + CELL * j
        body.append(f'<line x1="{line_x}" y1="{MARGIN}" x2="{line_x}" y2="{grid_bottom}"/>')
    body.append("</g>")
    legend = [("L", "牵头"), ("R", "责任"), ("L*", "经由集体牵头"), ("R*", "经由集体责任")]
    x = float(MARGIN)
    y = float(grid_bottom + 12)
    body.append(_text(x, y + 14, "图例", anchor="start"))
    x += 40
    for code, meaning in legend:
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{CELL}" height="{CELL}" '
            f'fill="{_CELL_FILL[code]}"/>'
        )
        body.append(_text(x + CELL / 2, y + 15, code, size=10))
        body.append(_text(x + CELL + 4, y + 15, meaning, anchor="start"))
        x += CELL + 8 + CHAR_W * len(meaning) + 12
    full_width = max(float(width), x + MARGIN)
    title = f"{matrix.plan_code} 责任矩阵" if matrix.plan_code else "责任矩阵"
    return _document(full_width, height, body, title)
