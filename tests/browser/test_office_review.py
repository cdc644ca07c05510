"""The office's part of the month the other browser stories leave out, on PostgreSQL: the board
changes live while a town submits in a second browser context (no reload); the lead accepts and
sends its consolidated report, which the office opens on 审核 (the values as typed, the notes),
refuses to return without a reason, and accepts, after which the target is judged on it (on 审核
and on the board); the office records two findings with items; a supervisor records a finding.
And a smoke test on SQLite: the office opens every page of its menu, each with its heading and
no console error. Screenshots at 1366×768, axe-core on each; the board's times are printed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

OFFICE, OFFICE_PASSWORD = "office", "office-demo-2025"
TOWN, LEAD = "桂林街道", "区人力社保局"
PASSWORD = "browser-test-2025"
SUPERVISION = "6月就业帮扶书面督查"
VERDICT_RULE = f"按牵头单位（{LEAD}）审核通过的汇总值判定"
# the office's menu, in its order (web/src/lib/office/menu.ts)
OFFICE_MENU = (
    "总览",
    "审核",
    "调度",
    "任务",
    "责任矩阵",
    "整改台账",
    "公文",
    "计划导入",
    "督查",
    "账号管理",
    "审计",
    "消息推送",
    "消息投递",
    "账号",
)

OPEN_ROUND = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
CREATE_SUPERVISION = """mutation($input: CreateSupervisionInput!) {
  createSupervision(input: $input) { supervision { id } userErrors { message } } }"""


def office_call(base: str, token: str, query: str, variables: dict[str, object]) -> None:
    response = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    payload = next(iter(body["data"].values()))
    assert payload["userErrors"] == [], payload


def seed(url: DatabaseUrl) -> str:
    """The plan; the office, a town, its task's lead and a supervisor; an office token."""
    cli(url, "import-plan", str(PLAN_FILE))
    accounts = (
        (OFFICE, "专班办公室", "OFFICE_ADMIN", OFFICE_PASSWORD),
        ("guilin", TOWN, "UNIT_REPORTER", PASSWORD),
        ("rsj", LEAD, "UNIT_REPORTER", PASSWORD),
        ("ducha", "专班办公室", "SUPERVISOR", PASSWORD),
    )
    for name, unit, role, password in accounts:
        cli(url, "user", "create", name, "--unit", unit, "--role", role, "--password", password)
    return cli(url, "token", "create", "--role", "OFFICE_ADMIN").strip().splitlines()[-1]


def report_form(page: Page, label: str) -> Locator:
    return page.locator("section.report-form").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(f"任务{label}")))
    )


def fill_and_submit(page: Page, form: Locator, summary: str, total: str) -> None:
    form.get_by_label("进展情况").fill(summary)
    form.get_by_label(re.compile("就业总体规模")).fill(total)
    form.get_by_label(re.compile("至少1人就业")).fill("1")
    form.get_by_role("button", name="提交").click()
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("已提交，等待审核").last).to_be_visible()


def board_figure(page: Page, caption: str) -> Locator:
    return page.locator(".figure").filter(has_text=caption).locator(".num")


def record_finding(page: Page, description: str, measures: str) -> None:
    """On 督查: 记录问题 on the supervision, with an item for its unit due in a month."""
    page.get_by_role("button", name=f"记录问题 ：{SUPERVISION}").click()
    dialog = page.get_by_role("dialog", name=f"记录问题：{SUPERVISION}")
    dialog.get_by_label("问题描述").fill(description)
    dialog.get_by_label("整改措施（填写后为每个涉及单位建立整改事项）").fill(measures)
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    dialog.get_by_label("整改时限").fill(due)
    dialog.get_by_label("整改时限").press("Enter")
    dialog.get_by_label("问题描述").click()  # the calendar folds away
    expect(page.locator(".el-picker__popper:visible")).to_have_count(0)
    dialog.get_by_role("button", name="记录", exact=True).click()
    expect(dialog).to_be_hidden()  # saved (the toast saying so lasts three seconds)


def no_sideways_scroll(page: Page, title: str) -> None:
    """At 1366×768 nothing scrolls the whole page sideways: wide tables scroll inside."""
    wide = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert wide <= 0, f"{title}: the page is {wide} px wider than the window"


def print_board_times(page: Page, what: str) -> None:
    page.goto("/office/board")
    expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()
    page.wait_for_function("() => window.__boardTiming !== undefined")
    timing = page.evaluate("() => window.__boardTiming")
    nav = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " const p = performance.getEntriesByName('first-contentful-paint')[0];"
        " return {dcl: n.domContentLoadedEventEnd, fcp: p ? p.startTime : null} }"
    )
    print(
        f"\nboard ({what}): first contentful paint {nav['fcp']:.0f} ms, DOMContentLoaded "
        f"{nav['dcl']:.0f} ms after navigation; data {timing['dataMs']:.0f} ms and painted "
        f"{timing['paintMs']:.0f} ms after the page mounted"
    )


def test_live_board_review_and_findings(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    token = seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        today = dt.date.today().isoformat()
        office_call(
            base,
            token,
            OPEN_ROUND,
            {"input": {"name": "2025年6月调度", "dueDate": due, "taskNumbers": [7]}},
        )
        office_call(
            base,
            token,
            CREATE_SUPERVISION,
            {
                "input": {
                    "kind": "WRITTEN",
                    "title": SUPERVISION,
                    "startsOn": today,
                    "unitNames": [TOWN],
                }
            },
        )

        # the office watches the board; the town submits in a browser of its own
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()
        expect(board_figure(page, "应报份数")).not_to_have_text("0")
        expect(board_figure(page, "已报送")).to_have_text("0")
        expect(board_figure(page, "审核通过")).to_have_text("0")
        town_ctx, town = sign_in(chromium, base, "guilin", PASSWORD)
        menu(town, "填报")
        fill_and_submit(town, report_form(town, "(七)"), "桂林街道务工就业稳步推进", "1,860人")
        town_ctx.close()
        # no reload: the change feed reaches the board, which fetches its figures again
        expect(board_figure(page, "已报送")).to_have_text("1")
        look_at(page, "60-office-board-live")

        # the lead accepts the town's report and sends its consolidated report
        lead_ctx, lead = sign_in(chromium, base, "rsj", PASSWORD)
        menu(lead, "审核")
        card = lead.locator(".el-card").filter(has_text="稳定务工规模")
        card.get_by_role("row").filter(has_text=TOWN).get_by_role("button", name="通过").click()
        expect(
            card.get_by_role("row").filter(has_text=TOWN).get_by_text("审核通过")
        ).to_be_visible()
        consolidated = report_form(lead, "(七)")
        fill_and_submit(lead, consolidated, "全区务工规模稳定，各镇街报送已汇总", "2.45万")
        lead_ctx.close()
        expect(board_figure(page, "审核通过")).to_have_text("1")  # the town's, live

        # 审核: the lead's consolidated report, opened with its values as typed
        menu(page, "审核")
        task = page.locator(".el-card").filter(has_text="稳定务工规模")
        row = task.get_by_role("row").filter(has_text=LEAD)
        expect(row.get_by_text("牵头单位汇总报告")).to_be_visible()
        expect(row.get_by_text("已报送待审核")).to_be_visible()
        expect(task.get_by_role("row").filter(has_text=TOWN)).to_have_count(0)  # the lead's
        expect(page.get_by_text("待专班办公室审核 1 份")).to_be_visible()
        look_at(page, "61-office-review")
        row.get_by_role("button", name="查看并审核").click()
        drawer = page.get_by_role("dialog", name=re.compile(f"{LEAD}：任务"))
        expect(drawer.get_by_text("2.45万")).to_be_visible()
        expect(drawer.get_by_text("24,500人")).to_be_visible()
        expect(drawer.get_by_text("全区务工规模稳定，各镇街报送已汇总")).to_be_visible()
        page.wait_for_timeout(500)  # the drawer slides in
        look_at(page, "62-office-review-report")

        # returning needs a reason; then the office accepts instead
        drawer.get_by_role("button", name="退回").click()
        back = page.get_by_role("dialog", name="退回报告")
        back.get_by_role("button", name="确认退回").click()
        expect(back.get_by_text("退回时请写明退回原因")).to_be_visible()
        look_at(page, "63-office-review-return-needs-reason")
        back.get_by_role("button", name="取消").click()
        expect(back).to_be_hidden()
        drawer.get_by_role("button", name="审核通过").click()
        expect(drawer).to_be_hidden()
        expect(page.get_by_text("本轮暂无待审核的报告")).to_be_visible()
        page.get_by_text("全部", exact=True).click()
        expect(row.get_by_text("审核通过")).to_be_visible()
        expect(task.get_by_text(VERDICT_RULE).first).to_be_visible()
        look_at(page, "64-office-review-accepted")

        # the board judges the target on the accepted consolidated value
        menu(page, "总览")
        expect(page.get_by_text(VERDICT_RULE).first).to_be_visible()
        print_board_times(page, "a round of task (七), one town and its lead reported")

        # 督查: two findings, each with an item for the town
        menu(page, "督查")
        record_finding(page, "部分脱贫户就业帮扶台账不完整", "逐户核对就业帮扶台账")
        record_finding(page, "公益岗位考勤记录缺失", "补齐公益岗位考勤记录")
        page.locator(".el-table__expand-icon").first.click()
        # the supervision's own list of findings (the page's list of every finding names it too)
        expect(page.locator("ul.findings").get_by_text("公益岗位考勤记录缺失")).to_be_visible()
        expect(page.locator("ul.findings li")).to_have_count(2)
        look_at(page, "65-office-two-findings")
        menu(page, "整改台账")
        expect(page.get_by_text("共 2 项，截至")).to_be_visible()
        no_sideways_scroll(page, "整改台账")
        page.evaluate(
            "() => document.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')"
            ".scrollLeft = 10000"
        )  # the table scrolled to its end, inside itself
        look_at(page, "65b-office-ledger-scrolled")
        ctx.close()

        # a supervisor records a finding too
        sup_ctx, sup = sign_in(chromium, base, "ducha", PASSWORD)
        expect(sup.get_by_role("heading", name="总览", level=1)).to_be_visible()
        menu(sup, "督查")
        record_finding(sup, "监测对象信息未及时更新", "逐户更新监测信息")
        look_at(sup, "66-supervisor-finding")
        menu(sup, "整改台账")
        expect(sup.get_by_text("共 3 项，截至")).to_be_visible()
        expect(sup.get_by_text("逐户更新监测信息")).to_be_visible()
        look_at(sup, "67-supervisor-ledger")
        sup_ctx.close()


def test_every_office_page_opens_on_sqlite(
    sqlite_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    cli(sqlite_url, "import-plan", str(PLAN_FILE))
    cli(
        sqlite_url,
        "user",
        "create",
        OFFICE,
        "--unit",
        "专班办公室",
        "--role",
        "OFFICE_ADMIN",
        "--password",
        OFFICE_PASSWORD,
    )
    with running_server(
        sqlite_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        problems: list[str] = []

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(f"{message.text} ({message.location.get('url', '')})")

        page.on("console", console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        entries = page.get_by_role("menuitem")
        expect(entries).to_have_count(len(OFFICE_MENU))
        assert [e.strip() for e in entries.all_inner_texts()] == list(OFFICE_MENU)
        for number, title in enumerate(OFFICE_MENU):
            page.get_by_role("menuitem", name=title, exact=True).click()
            expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
            expect(page.locator(".el-loading-mask:visible")).to_have_count(0)
            look_at(page, f"7{number:x}-smoke-office-{title}")
            no_sideways_scroll(page, title)
            assert not page.get_by_text(re.compile("Error|undefined|null")).count(), title
        assert problems == [], problems
        ctx.close()
