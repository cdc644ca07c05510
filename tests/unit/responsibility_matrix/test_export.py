"""CSV and XLSX exports round-trip: headers, cells, load rows and the legend; formulas escaped."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tongnan.responsibility_matrix import ResponsibilityGraph

from .builders import PlanBuilder
from .real_plan import ALL_TOWNS, SUBDISTRICTS, TASK_FORCE, TOWNS


def test_csv_round_trip(real_graph: ResponsibilityGraph) -> None:
    matrix = real_graph.matrix()
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    header = rows[0]
    assert header[:4] == ["序号", "任务", "牵头单位", "责任单位"]
    assert header[4:] == [c.unit.name for c in matrix.columns]
    task_7 = rows[7]
    assert task_7[:4] == [
        "7",
        "(七)稳定务工规模",
        "区人力社保局、区发展改革委、区农业农村委",
        ALL_TOWNS,
    ]
    cells = dict(zip(header[4:], task_7[4:], strict=True))
    assert cells["区人力社保局"] == "L"
    assert cells["双江镇"] == "R*"
    assert cells["区商务委"] == ""
    assert all(cells[town] == "R*" for town in (*SUBDISTRICTS, *TOWNS))
    lead_row, resp_row = rows[23], rows[24]
    assert lead_row[1] == "牵头任务数" and resp_row[1] == "责任任务数"
    leads = dict(zip(header[4:], lead_row[4:], strict=True))
    assert leads["区人力社保局"] == "4" and leads["区农业农村委"] == "20"
    responsibilities = dict(zip(header[4:], resp_row[4:], strict=True))
    assert responsibilities["双江镇"] == "16"
    legend = "".join("".join(r) for r in rows[25:])
    for word in ("图例", "牵头", "责任", "经由集体"):
        assert word in legend


def test_xlsx_round_trip(real_graph: ResponsibilityGraph) -> None:
    matrix = real_graph.matrix()
    book = load_workbook(io.BytesIO(matrix.to_xlsx()))
    sheet = book["责任矩阵"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:4] == ["序号", "任务", "牵头单位", "责任单位"]
    assert header[4:] == [c.unit.name for c in matrix.columns]
    task_3 = rows[3]
    assert task_3[0] == 3
    assert task_3[2] == TASK_FORCE
    cells = dict(zip(header[4:], task_3[4:], strict=True))
    assert cells[TASK_FORCE] == "L"
    assert cells["梓潼街道"] == "R*"
    assert cells["区农业农村委"] is None
    lead_row = rows[23]
    assert lead_row[1] == "牵头任务数"
    assert dict(zip(header[4:], lead_row[4:], strict=True))["区人力社保局"] == 4
    assert sheet.freeze_panes == "E2"
    legend = "".join(str(v) for r in rows[25:] for v in r if v)
    for word in ("图例", "牵头", "责任", "经由集体"):
        assert word in legend


HOSTILE_NAMES = ('=HYPERLINK("http://evil.example","点击")', "+1+2", "-2+3", "@SUM(A1)")


def _hostile_matrix() -> ResponsibilityGraph:
    b = PlanBuilder()
    b.office()
    for name in HOSTILE_NAMES:
        b.unit(name)
    b.section(1, "总体")
    b.task(1, "=1+1", [HOSTILE_NAMES[0]], list(HOSTILE_NAMES[1:]))
    return ResponsibilityGraph(b.snapshot())


def test_csv_escapes_names_a_spreadsheet_would_run() -> None:
    rows = list(csv.reader(io.StringIO(_hostile_matrix().matrix().to_csv())))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'" + HOSTILE_NAMES[0] in rows[0] and "'@SUM(A1)" in rows[0]
    assert rows[1][2] == "'" + HOSTILE_NAMES[0]  # the lead unit of the task


def test_xlsx_escapes_names_a_spreadsheet_would_run() -> None:
    book = load_workbook(io.BytesIO(_hostile_matrix().matrix().to_xlsx()))
    values = [v for row in book["责任矩阵"].iter_rows(values_only=True) for v in row]
    texts = [v for v in values if isinstance(v, str)]
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts)
    assert "'-2+3" in texts
