"""The office's month in the browser, on PostgreSQL, against the real server process: the office
signs in, opens a round whose due date has passed (asked, then confirmed), sees the board, issues
an urge notice from an overdue cell of the grid, verifies one rectification item and rejects
another, imports a ledger sheet through its row-by-row preview, issues the progress bulletin and
opens its PDF; a viewer sees the board and finds nothing to change. Every page is screenshot at
1366×768 and checked by axe-core; the board's data load and paint times are printed."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import httpx
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

OFFICE, OFFICE_PASSWORD = "office", "office-demo-2025"
TOWN, PASSWORD = "桂林街道", "browser-test-2025"

CREATE_FINDING = """mutation($input: CreateFindingInput!) { createFinding(input: $input) {
  finding { id } userErrors { message } } }"""
ITEMS = """{ rectificationLedger { items(first: 20) { nodes { id number version } } } }"""
PROGRESS = """mutation($input: RecordRectificationProgressInput!) {
  recordRectificationProgress(input: $input) { userErrors { message } } }"""
LEDGER_FILE = "{ rectificationLedgerFile { contentBase64 } }"


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
    """The plan, the office's demo account, a town and a viewer; an office token (printed last)."""
    cli(url, "import-plan", str(PLAN_FILE))
    accounts = (
        (OFFICE, "专班办公室", "OFFICE_ADMIN", OFFICE_PASSWORD),
        ("guilin", TOWN, "UNIT_REPORTER", PASSWORD),
        ("chayue", "专班办公室", "VIEWER", PASSWORD),
    )
    for name, unit, role, password in accounts:
        cli(url, "user", "create", name, "--unit", unit, "--role", role, "--password", password)
    return cli(url, "token", "create", "--role", "OFFICE_ADMIN").strip().splitlines()[-1]


def three_completed_items(base: str, token: str) -> None:
    """A finding with three items for the town, two of them reported complete by the town."""
    due = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    items = [
        {"measures": m, "deadline": due, "responsibleUnitName": TOWN}
        for m in ("逐户核对就业帮扶台账", "补齐公益岗位考勤记录", "完善监测对象档案")
    ]
    finding = {
        "description": "部分脱贫户就业帮扶台账不完整",
        "source": "DISTRICT_SUPERVISION",
        "foundOn": dt.date.today().isoformat(),
        "items": items,
    }
    call(base, CREATE_FINDING, {"input": finding}, token=token)
    login = httpx.post(f"{base}/auth/login", json={"username": "guilin", "password": PASSWORD})
    assert login.status_code == 200, login.text
    cookie = login.cookies["tongnan_session"]
    nodes = call(base, ITEMS, {}, cookie=cookie)["items"]
    for node in sorted(nodes["nodes"], key=lambda n: n["number"])[:2]:  # type: ignore[index]
        progress = {
            "itemId": node["id"],
            "expectedVersion": node["version"],
            "content": "已逐户核对完毕",
            "complete": True,
        }
        call(base, PROGRESS, {"input": progress}, cookie=cookie)


def ledger_sheet(base: str, token: str, folder: Path) -> Path:
    """The exported ledger with one new row (a new item for the town)."""
    content = call(base, LEDGER_FILE, {}, token=token)["contentBase64"]
    book = load_workbook(io.BytesIO(base64.b64decode(str(content))))
    sheet = book.active
    assert sheet is not None
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    sheet.append([None, None, "区级专项督查", "村级公示不及时", "每月公示", TOWN, "张三", due])
    path = folder / "整改台账导入.xlsx"
    book.save(path)
    return path


def test_the_offices_month(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser, tmp_path: Path
) -> None:
    token = seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        three_completed_items(base, token)
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()
        expect(page.get_by_text("尚未开启调度")).to_be_visible()
        look_at(page, "20-office-board-empty")

        # 调度: a round due yesterday is asked about, then opened
        menu(page, "调度")
        page.get_by_role("button", name="开启调度").click()
        dialog = page.get_by_role("dialog", name="开启调度")
        dialog.get_by_label("调度名称").fill("2025年6月调度")
        yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
        dialog.get_by_label("截止日期").fill(yesterday)
        dialog.get_by_label("截止日期").press("Enter")
        # the date picker's popup (an unnamed dialog) must be gone before axe looks
        dialog.get_by_label("调度名称").click()
        expect(page.locator(".el-picker__popper:visible")).to_have_count(0)
        page.wait_for_timeout(600)  # its leave transition over (axe still sees it during it)
        look_at(page, "21-office-open-round")
        dialog.get_by_role("button", name="开启", exact=True).click()
        expect(page.get_by_text("截止日期已过")).to_be_visible()
        page.get_by_role("button", name="仍要开启").click()
        expect(page.get_by_text(re.compile("已开启2025年6月调度，应报 \\d+ 份"))).to_be_visible()
        expect(page.get_by_text("逾期未报").first).to_be_visible()
        # tasks whose collective units have no members yet are flagged, with the way to fix it
        flagged = page.get_by_role("note", name="成员未定的集体单位")
        expect(flagged.get_by_role("link", name=re.compile("^去设置任务")).first).to_be_visible()
        column_flag = page.get_by_role("link", name=re.compile("成员未定，打开任务页$"))
        expect(column_flag.first).to_be_visible()
        look_at(page, "22-office-dispatch-grid")

        # from an overdue cell, an urge notice to the town, issued as a document
        page.get_by_role("button", name=re.compile(f"^催办{TOWN}")).first.click()
        page.get_by_role("button", name="发出催办").click()
        expect(page.get_by_text(re.compile(f"已向{TOWN}发出第 1 次催办"))).to_be_visible()

        # 总览: the round's colours; the time to data and to paint measured on a fresh load
        page.goto("/office/board")
        expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()
        page.wait_for_function("() => window.__boardTiming !== undefined")
        timing = page.evaluate("() => window.__boardTiming")
        nav = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " const p = performance.getEntriesByName('first-contentful-paint')[0];"
            " return {domContentLoaded: n.domContentLoadedEventEnd, fcp: p ? p.startTime : null} }"
        )
        print(
            f"\nboard: first contentful paint {nav['fcp']:.0f} ms, DOMContentLoaded "
            f"{nav['domContentLoaded']:.0f} ms after navigation; data loaded "
            f"{timing['dataMs']:.0f} ms and painted {timing['paintMs']:.0f} ms "
            "after the page mounted"
        )
        expect(page.get_by_text("红色预警").first).to_be_visible()
        expect(page.get_by_text(re.compile("判定")).first).to_be_visible()
        look_at(page, "23-office-board")
        page.get_by_role("tab", name="按单位").click()
        expect(page.get_by_text(re.compile("并列第1名|第1名")).first).to_be_visible()
        look_at(page, "24-office-board-units")

        # 整改台账: verify item 1, reject item 2
        menu(page, "整改台账")
        expect(page.get_by_text("已完成待销号").first).to_be_visible()
        look_at(page, "25-office-ledger")
        rows = page.locator(".el-table__body-wrapper .el-table__row")
        page.locator(".el-table__fixed-right, .el-table__body").get_by_role(
            "button", name="销号"
        ).first.click()
        check = page.get_by_role("dialog", name="销号")
        check.get_by_label("核查意见").fill("经核查，台账已补齐")
        check.get_by_role("button", name="确定销号").click()
        expect(page.get_by_text(re.compile("编号 \\d+ 已销号"))).to_be_visible()
        page.get_by_role("button", name="退回").first.click()
        reject = page.get_by_role("dialog", name="销号核查未通过，退回整改")
        reject.get_by_label("退回原因").fill("考勤记录仍缺5月份")
        reject.get_by_role("button", name="确定退回").click()
        expect(page.get_by_text(re.compile("编号 \\d+ 已退回整改"))).to_be_visible()
        expect(rows.get_by_text("已销号").first).to_be_visible()
        expect(rows.get_by_text("销号核查未通过").first).to_be_visible()
        page.get_by_role("button", name="记录").first.click()
        expect(page.get_by_text("操作留痕")).to_be_visible()
        expect(page.get_by_text("销号").last).to_be_visible()
        page.wait_for_timeout(500)  # the drawer slides in
        look_at(page, "26-office-ledger-timeline")
        page.keyboard.press("Escape")
        assert rows.count() == 3

        # import a sheet: the preview row by row, then the import
        sheet = ledger_sheet(base, token, tmp_path)
        page.get_by_role("button", name="导入Excel").click()
        page.get_by_label("选择台账表格").set_input_files(str(sheet))
        imp = page.get_by_role("dialog", name="导入整改台账")
        expect(imp.get_by_text(re.compile("新建1"))).to_be_visible()
        expect(imp.get_by_text("新建", exact=True)).to_be_visible()
        look_at(page, "27-office-ledger-import-preview")
        imp.get_by_role("button", name="确认导入").click()
        expect(page.get_by_text("导入完成：新建 1 项")).to_be_visible()
        expect(page.get_by_text("共 4 项，截至")).to_be_visible()

        # 公文: the progress bulletin, and its PDF
        menu(page, "公文")
        page.get_by_role("button", name="印发公文").click()
        issue = page.get_by_role("dialog", name="印发公文")
        issue.get_by_role("button", name="印发", exact=True).click()
        # what the office sees last: the dialog closed and the bulletin on the numbered list
        # (the 已印发 toast lasts three seconds and may be gone before it is looked for)
        expect(issue).to_be_hidden()
        expect(page.get_by_text("进展情况通报").first).to_be_visible()
        look_at(page, "28-office-documents")
        link = page.get_by_role("link", name=re.compile("打开PDF")).first
        pdf = ctx.request.get(str(link.get_attribute("href")))
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF"), pdf.status
        ctx.close()

        # a viewer sees the board and can change nothing
        vctx, viewer = sign_in(chromium, base, "chayue", PASSWORD)
        expect(viewer.get_by_role("heading", name="总览", level=1)).to_be_visible()
        expect(viewer.get_by_text("红色预警").first).to_be_visible()
        look_at(viewer, "29-viewer-board")
        menu(viewer, "调度")
        expect(viewer.get_by_text("逾期未报").first).to_be_visible()
        expect(viewer.get_by_role("button", name="开启调度")).to_have_count(0)
        expect(viewer.get_by_role("button", name=re.compile("^催办"))).to_have_count(0)
        look_at(viewer, "30-viewer-dispatch")
        menu(viewer, "整改台账")
        expect(
            viewer.locator(".el-table__body-wrapper .el-table__row").get_by_text("已销号").first
        ).to_be_visible()
        for name in ("导入Excel", "销号", "退回", "作废"):
            expect(viewer.get_by_role("button", name=name, exact=True)).to_have_count(0)
        menu(viewer, "公文")
        expect(viewer.get_by_role("button", name="印发公文")).to_have_count(0)
        vctx.close()
