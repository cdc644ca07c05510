"""The office's 责任矩阵 and charts in the browser, on PostgreSQL, against the real server
process: the office opens 责任矩阵, reads the 牵头/责任 marks in a grid that scrolls inside itself,
sorts the units' load, reads the gaps in words and follows one to its task's row, downloads the
matrix as CSV (UTF-8 with BOM) and Excel and finds the marks in both; the charts on 总览 and
整改台账 carry their figures in their accessible names; a viewer reads the matrix too. Every page
is screenshot at 1366×768 and checked by axe-core."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import httpx
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

OFFICE, OFFICE_PASSWORD = "office", "office-demo-2025"
TOWN, PASSWORD = "桂林街道", "browser-test-2025"

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { message } } }"""
CREATE_FINDING = """mutation($input: CreateFindingInput!) { createFinding(input: $input) {
  finding { id } userErrors { message } } }"""
ITEMS = """{ rectificationLedger { items(first: 20) { nodes { id number version } } } }"""
PROGRESS = """mutation($input: RecordRectificationProgressInput!) {
  recordRectificationProgress(input: $input) { userErrors { message } } }"""
MATRIX = """{ responsibilityMatrix { columns { unit { name } leadCount responsibleCount } } }"""


def call(base: str, query: str, variables: dict[str, object], **auth: str) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {auth['token']}"} if "token" in auth else {}
    cookies = {"tongnan_session": auth["cookie"]} if "cookie" in auth else {}
    response = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers=headers,
        cookies=cookies,
        timeout=30,
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    payload = dict(next(iter(body["data"].values())))
    assert payload.get("userErrors", []) == [], payload
    return payload


def seed(url: DatabaseUrl) -> str:
    cli(url, "import-plan", str(PLAN_FILE))
    accounts = (
        (OFFICE, "专班办公室", "OFFICE_ADMIN", OFFICE_PASSWORD),
        ("guilin", TOWN, "UNIT_REPORTER", PASSWORD),
        ("chayue", "专班办公室", "VIEWER", PASSWORD),
    )
    for name, unit, role, password in accounts:
        cli(url, "user", "create", name, "--unit", unit, "--role", role, "--password", password)
    return cli(url, "token", "create", "--role", "OFFICE_ADMIN").strip().splitlines()[-1]


def a_round_a_report_and_two_items(base: str, token: str) -> None:
    """A round on every task, the town's report on task 7, and a finding with two items for the
    town, one reported complete."""
    today = dt.date.today()
    due = (today + dt.timedelta(days=10)).isoformat()
    opened = call(base, OPEN, {"input": {"name": "本月调度", "dueDate": due}}, token=token)
    login = httpx.post(f"{base}/auth/login", json={"username": "guilin", "password": PASSWORD})
    assert login.status_code == 200, login.text
    town = login.cookies["tongnan_session"]
    report = {
        "roundId": opened["round"]["id"],  # type: ignore[index]
        "taskNumber": 7,
        "summary": "已开发公益性岗位",
        "completion": 40,
        "expectedVersion": 0,
    }
    call(base, SUBMIT, {"input": report}, cookie=town)
    items = [
        {"measures": m, "deadline": due, "responsibleUnitName": TOWN}
        for m in ("逐户核对就业帮扶台账", "补齐公益岗位考勤记录")
    ]
    finding = {
        "description": "部分脱贫户就业帮扶台账不完整",
        "source": "DISTRICT_SUPERVISION",
        "foundOn": today.isoformat(),
        "items": items,
    }
    call(base, CREATE_FINDING, {"input": finding}, token=token)
    nodes = call(base, ITEMS, {}, cookie=town)["items"]["nodes"]  # type: ignore[index]
    first = min(nodes, key=lambda n: n["number"])
    progress = {
        "itemId": first["id"],
        "expectedVersion": first["version"],
        "content": "已逐户核对完毕",
        "complete": True,
    }
    call(base, PROGRESS, {"input": progress}, cookie=town)


def no_page_scroll_sideways(page: Page) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"the page scrolls sideways by {wide}px"


def first_load_row(page: Page) -> str:
    return page.locator(".el-table__body tr").first.locator("td").nth(1).inner_text().strip()


def test_the_offices_matrix_and_charts(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    token = seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        a_round_a_report_and_two_items(base, token)
        columns = call(base, MATRIX, {}, token=token)["columns"]
        assert isinstance(columns, list)
        units = [c["unit"]["name"] for c in columns]
        # the load's order: by the count asked for, then the other counts, then directory order
        counts = [(c["leadCount"], c["responsibleCount"], i) for i, c in enumerate(columns)]
        most_leads = units[min(counts, key=lambda c: (-c[0], -c[1], c[2]))[2]]
        fewest_leads = units[min(counts)[2]]

        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)

        # the grid: marks in words, the table scrolling inside itself
        menu(page, "责任矩阵")
        row7 = page.locator("#matrix-task-7")
        expect(row7).to_contain_text("7")
        grid = page.get_by_role("region", name="分工矩阵（可横向滚动）")
        expect(grid.locator('td[title="区人力社保局：牵头"]').first).to_be_visible()
        expect(grid.locator('td[title="双江镇：经由集体承担责任"]').first).to_have_text("责任*")
        expect(page.get_by_role("tab", name=re.compile(r"缺口（\d+）"))).to_be_visible()
        sideways = grid.evaluate("(e) => e.scrollWidth - e.clientWidth")
        assert sideways > 0, "the grid should scroll inside itself"
        no_page_scroll_sideways(page)
        look_at(page, "60-office-matrix")
        grid.evaluate("(e) => { e.scrollLeft = 600; e.scrollTop = 300 }")
        expect(page.locator("th.corner")).to_be_in_viewport()  # the header stays
        expect(row7).to_be_visible()
        page.screenshot(path=str(artifacts / "60b-office-matrix-scrolled.png"))

        # the load: sorted by the count asked for, heaviest first, then lightest
        page.get_by_role("tab", name="单位负荷").click()
        page.get_by_role("columnheader", name="牵头任务数").click()
        assert first_load_row(page) == most_leads
        page.get_by_role("columnheader", name="牵头任务数").click()
        assert first_load_row(page) == fewest_leads
        expect(page.get_by_text(f"共 {len(units)} 个单位")).to_be_visible()
        look_at(page, "61-office-matrix-load")

        # the gaps in words; one followed to its task's row
        page.get_by_role("tab", name=re.compile("缺口")).click()
        expect(
            page.get_by_role("heading", name=re.compile("按任务确定成员的集体尚未选定"))
        ).to_be_visible()
        expect(
            page.get_by_text(re.compile(r"第4项任务.*尚未选定具体成员单位")).first
        ).to_be_visible()
        look_at(page, "62-office-matrix-gaps")
        page.get_by_role("button", name="在矩阵中查看第4项").first.click()
        expect(page.locator("#matrix-task-4")).to_be_focused()
        expect(page.locator("tr.hl #matrix-task-4")).to_be_in_viewport()

        # the files: CSV with a BOM, Excel with the marks
        with page.expect_download() as got:
            page.get_by_role("button", name="下载CSV").click()
        assert got.value.suggested_filename.startswith(
            "责任矩阵-"
        ) and got.value.suggested_filename.endswith(".csv")
        raw = Path(got.value.path()).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert table[0][:4] == ["序号", "任务", "牵头单位", "责任单位"] and table[0][4:] == units
        row = next(r for r in table if r[0] == "7")
        assert row[4 + units.index("区人力社保局")] == "L"
        assert row[4 + units.index("双江镇")] == "R*"
        with page.expect_download() as got:
            page.get_by_role("button", name="下载Excel").click()
        assert got.value.suggested_filename.endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))["责任矩阵"]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0][4:]) == units
        xrow = next(r for r in rows if r[0] == 7)
        assert xrow[4 + units.index("区人力社保局")] == "L"

        # 总览's charts, the figures in their names: by section at the top, compact enough that
        # the task tables start within the first screen; by unit in the 按单位 tab
        menu(page, "总览")
        by_section = page.get_by_role("img", name=re.compile(r"^各部分报送完成情况：.*已报送 1 份"))
        expect(by_section).to_be_visible()
        first_table = page.get_by_role("tabpanel", name="按任务").locator("table").first
        box = first_table.bounding_box()
        assert box is not None and box["y"] < 768, box
        look_at(page, "63-office-board-charts")
        page.get_by_role("tab", name="按单位").click()
        by_unit = page.get_by_role("img", name=re.compile(rf"{TOWN}：应报 \d+ 份，已报送 1 份"))
        expect(by_unit).to_be_visible()
        no_page_scroll_sideways(page)
        look_at(page, "63-office-board-unit-chart")

        # 整改台账's chart: completion by source
        menu(page, "整改台账")
        by_source = page.get_by_role(
            "img", name=re.compile(r"各来源整改完成情况：.*共 2 项，已完成 1 项（完成率 50%）")
        )
        expect(by_source).to_be_visible()
        expect(page.get_by_test_id("ledger-chart").get_by_text("50%（1/2）")).to_be_visible()
        look_at(page, "64-office-ledger-chart")
        ctx.close()

        # a viewer reads the matrix (and downloads it) too
        ctx, page = sign_in(chromium, base, "chayue", PASSWORD)
        menu(page, "责任矩阵")
        expect(page.locator('td[title="区人力社保局：牵头"]').first).to_be_visible()
        expect(page.get_by_role("button", name="下载Excel")).to_be_enabled()
        look_at(page, "65-viewer-matrix")
        ctx.close()
