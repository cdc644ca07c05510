"""The responsibility matrix as an .xlsx file through HTTP: headers, marks, load rows, who may."""

from __future__ import annotations

import base64
import io

from openpyxl import load_workbook

from tests.support.api import Api

MATRIX_FILE = """{ responsibilityMatrix {
    planCode csv
    columns { unit { name } leadCount responsibleCount }
    xlsx { filename contentType contentBase64 } } }"""


async def test_the_matrix_downloads_as_an_xlsx_with_the_csv_table(api: Api) -> None:
    matrix = (await api.data(MATRIX_FILE, token="viewer"))["responsibilityMatrix"]
    file = matrix["xlsx"]
    assert file["filename"] == f"责任矩阵-{matrix['planCode']}.xlsx"
    assert file["contentType"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(base64.b64decode(file["contentBase64"])))
    assert book.sheetnames == ["责任矩阵"]
    sheet = book["责任矩阵"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    units = [c["unit"]["name"] for c in matrix["columns"]]
    assert header[:4] == ["序号", "任务", "牵头单位", "责任单位"]
    assert header[4:] == units
    assert sheet["A1"].font.b and sheet.freeze_panes == "E2"

    row7 = next(r for r in rows[1:] if r[0] == 7)
    marks = dict(zip(units, row7[4:], strict=True))
    assert marks["区人力社保局"] == "L" and marks["双江镇"] == "R*"
    assert "区人力社保局" in str(row7[2])
    lead_row = next(r for r in rows if r[1] == "牵头任务数")
    responsible_row = next(r for r in rows if r[1] == "责任任务数")
    assert lead_row[4:] == [c["leadCount"] for c in matrix["columns"]]
    assert responsible_row[4:] == [c["responsibleCount"] for c in matrix["columns"]]
    assert any(r[0] == "图例" for r in rows)

    # the same table as the CSV (no BOM there: the workbench adds one for Excel)
    assert not matrix["csv"].startswith("\ufeff")
    assert matrix["csv"].splitlines()[0].split(",")[4:] == units


async def test_every_signed_in_role_reads_the_file_and_no_one_anonymous(api: Api) -> None:
    for token in ("office", "supervisor", "shuangjiang"):
        data = await api.data("{ responsibilityMatrix { xlsx { contentBase64 } } }", token=token)
        assert base64.b64decode(data["responsibilityMatrix"]["xlsx"]["contentBase64"])[:2] == b"PK"
    response = await api.post("{ responsibilityMatrix { xlsx { filename } } }")
    body = response.json()
    assert body["data"] is None
    assert "登录" in body["errors"][0]["message"]
