"""A unit's 任务 page in the browser, on PostgreSQL, against the real server process: two towns
have reported on task (七); through the API a town's reading of the page's queries is refused
nothing and returns its own report only; in the browser the town opens 任务 from its menu, picks
the task, sees its chain drawn, no edit button, and in 各轮报送情况 its own row alone; the task's
lead unit reads the same page with the towns' rows it reviews. Screenshots at 1366×768, axe-core."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE, REPO
from tongnan.domain.common.database import DatabaseUrl

TOWN, OTHER_TOWN, LEAD = "桂林街道", "双江镇", "区人力社保局"
PASSWORD = "browser-test-2025"
OPERATIONS = REPO / "web" / "src" / "operations" / "office"
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { message } } }"""


def graphql(base: str, query: str, variables: dict[str, object], **auth: str) -> dict[str, object]:
    """One call with the office's token or a signed-in unit's cookie; no error of any kind."""
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
    data: dict[str, object] = body["data"]
    return data


def signed_in(base: str, name: str) -> str:
    login = httpx.post(f"{base}/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return str(login.cookies["tongnan_session"])


def seed(url: DatabaseUrl) -> str:
    cli(url, "import-plan", str(PLAN_FILE))
    for name, unit in (("guilin", TOWN), ("shuangjiang", OTHER_TOWN), ("rsj", LEAD)):
        cli(
            url,
            "user",
            "create",
            name,
            "--unit",
            unit,
            "--role",
            "UNIT_REPORTER",
            "--password",
            PASSWORD,
        )
    return cli(url, "token", "create", "--role", "OFFICE_ADMIN").strip().splitlines()[-1]


def no_edit_buttons(page: Page) -> None:
    for name in ("设置完成时限", "添加分工", "设置成员"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(page.get_by_role("button", name="移除")).to_have_count(0)


def chain_drawn(page: Page) -> None:
    expect(page.get_by_test_id("chain-picture").get_by_role("img")).to_be_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-testid=chain-picture] img');"
        " return i && i.complete && i.naturalWidth > 0 }"
    )


def test_a_town_reads_a_task_and_only_its_own_reports(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    token = seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        opened = graphql(
            base,
            OPEN,
            {"input": {"name": "本月调度", "dueDate": due, "taskNumbers": [7]}},
            token=token,
        )
        round_id = opened["openReportingRound"]["round"]["id"]  # type: ignore[index]
        town, other = signed_in(base, "guilin"), signed_in(base, "shuangjiang")
        for cookie, completion in ((town, 40), (other, 55)):
            report = {
                "roundId": round_id,
                "taskNumber": 7,
                "summary": "已开发公益性岗位",
                "completion": completion,
                "expectedVersion": 0,
            }
            got = graphql(base, SUBMIT, {"input": report}, cookie=cookie)
            assert got["submitProgressReport"]["userErrors"] == []  # type: ignore[index]

        # the page's own queries, as the town: nothing refused, its own report alone
        task = graphql(
            base, (OPERATIONS / "OfficeTask.graphql").read_text(), {"number": 7}, cookie=town
        )
        assert "<svg" in task["task"]["chainSvg"]  # type: ignore[index]
        history = graphql(
            base, (OPERATIONS / "TaskReportHistory.graphql").read_text(), {"number": 7}, cookie=town
        )
        nodes = history["task"]["progressReports"]["nodes"]  # type: ignore[index]
        assert [(n["unit"]["name"], n["completion"]) for n in nodes] == [(TOWN, 40)], nodes
        graphql(
            base,
            (OPERATIONS / "TaskVerdicts.graphql").read_text(),
            {"roundId": round_id},
            cookie=town,
        )
        words = graphql(
            base,
            (OPERATIONS / "UnitAccountability.graphql").read_text(),
            {"taskNumber": 7, "unitName": OTHER_TOWN},
            cookie=town,
        )
        assert json.dumps(words["accountability"], ensure_ascii=False).count(LEAD)

        # the town in the browser: 任务 from its menu, the task picked, read only
        ctx, page = sign_in(chromium, base, "guilin", PASSWORD)
        menu(page, "任务")
        expect(page).to_have_url(f"{base}/plan")
        look_at(page, "70-unit-plan")
        page.get_by_role("combobox", name="选择任务").click()
        page.keyboard.type("稳定务工")
        page.get_by_role("option", name=re.compile("稳定务工规模")).click()
        expect(page).to_have_url(f"{base}/plan/7")
        expect(page.get_by_role("heading", name=re.compile("稳定务工规模"))).to_be_visible()
        chain_drawn(page)
        no_edit_buttons(page)
        table = page.locator('.el-table[aria-label="各轮报送情况"]')
        expect(table.get_by_text(TOWN)).to_be_visible()
        expect(table.get_by_text("已报送 40%")).to_be_visible()
        expect(table.get_by_text(OTHER_TOWN)).to_have_count(0)
        expect(page.get_by_text("共 1 个单位、1 轮调度（仅列本单位的报送情况）")).to_be_visible()
        expect(page.locator(".el-menu-item.is-active")).to_have_text("任务")
        look_at(page, "71-unit-plan-task")
        ctx.close()

        # the lead: the towns it reviews, the other town's report among them
        ctx, page = sign_in(chromium, base, "rsj", PASSWORD)
        page.goto("/plan/7")
        expect(page.get_by_role("heading", name=re.compile("稳定务工规模"))).to_be_visible()
        no_edit_buttons(page)
        table = page.locator('.el-table[aria-label="各轮报送情况"]')
        expect(table.get_by_text("已报送 55%")).to_be_visible()
        expect(table.get_by_text("区发展改革委")).to_have_count(
            0
        )  # a co-lead's reports are not its to read
        look_at(page, "72-lead-plan-task")
        ctx.close()
