"""The member units' month in the browser, on PostgreSQL, against the real server process: a town
signs in, fills two tasks (one target typed as 2.4万), saves a draft and submits; another town
cannot see that draft; the lead returns one report with a comment and the town sees it without
reloading, resubmits; the lead accepts both and sends its consolidated report; the town uploads
evidence to a rectification item and completes it; while its page is open the office urges it
and the town's bell (its inbox) shows the notice at once, the notice is followed and all marked
read; the town's 账号 page makes and revokes a token. Every page is screenshot at 1366×768 and
checked by axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from tests.support.browser import VIEWPORT, look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

TOWN, OTHER_TOWN, LEAD = "桂林街道", "双江镇", "区人力社保局"
PASSWORD = "browser-test-2025"
DRAFT_TEXT = "桂林街道六月草稿：新增就业培训三场"
EVIDENCE: FilePayload = {
    "name": "台账核对表.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n%%EOF\n",
}

OPEN_ROUND = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
URGE = """mutation($input: IssueUrgeNoticeInput!) { issueUrgeNotice(input: $input) {
  urgeNotice { sequence } userErrors { message } } }"""
CREATE_FINDING = """mutation($input: CreateFindingInput!) { createFinding(input: $input) {
  finding { id } userErrors { message } } }"""


def office(base: str, token: str, query: str, variables: dict[str, object]) -> dict[str, object]:
    """The office's call through the API (a token: any operation within the limits)."""
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
    return dict(payload)


def seed(url: DatabaseUrl) -> str:
    """The plan, three accounts and an office token (printed last)."""
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


def form(page: Page, label: str) -> Locator:
    """The report form of task ``label`` (e.g. (七))."""
    return page.locator("section.report-form").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(f"任务{label}")))
    )


def submit(page: Page, section: Locator) -> None:
    section.get_by_role("button", name="提交").click()
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("已提交，等待审核").last).to_be_visible()


def unread(page: Page) -> int:
    """The count the bell says is unread."""
    label = page.get_by_role("button", name=re.compile("消息提醒")).get_attribute("aria-label")
    found = re.search(r"(\d+) 条未读", label or "")
    assert found, label
    return int(found.group(1))


def bell(page: Page, count: int) -> Locator:
    return page.get_by_role("button", name=f"消息提醒，{count} 条未读")


def test_a_towns_month_with_its_lead(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    token = seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        office(
            base,
            token,
            OPEN_ROUND,
            {"input": {"name": "2025年6月调度", "dueDate": due, "taskNumbers": [7, 8]}},
        )
        office(
            base,
            token,
            CREATE_FINDING,
            {
                "input": {
                    "description": "部分脱贫户就业帮扶台账不完整",
                    "source": "DISTRICT_SUPERVISION",
                    "foundOn": dt.date.today().isoformat(),
                    "items": [
                        {
                            "measures": "逐户核对就业帮扶台账并补齐",
                            "deadline": due,
                            "responsibleUnitName": TOWN,
                        }
                    ],
                }
            },
        )

        # the town signs in and sees its duties
        town_ctx, town = sign_in(chromium, base, "guilin", PASSWORD)
        expect(town.get_by_role("heading", name="我的任务", level=1)).to_be_visible()
        expect(town.get_by_text("稳定务工规模").first).to_be_visible()
        look_at(town, "03-my-tasks")

        # 填报: two forms; a target typed as 2.4万 is previewed in the target's unit
        menu(town, "填报")
        seven, eight = form(town, "(七)"), form(town, "(八)")
        expect(seven).to_be_visible()
        expect(eight).to_be_visible()
        seven.get_by_label("进展情况").fill(DRAFT_TEXT)
        seven.get_by_label(re.compile("就业总体规模")).fill("2.4万")
        expect(seven.get_by_text("将按 24,000人 计")).to_be_visible()
        seven.get_by_label(re.compile("至少1人就业")).fill("1")
        seven.get_by_role("button", name="保存草稿").click()
        expect(town.get_by_text("草稿已保存")).to_be_visible()
        eight.get_by_label("进展情况").fill("开展就业质量提升行动，组织技能培训两期")
        look_at(town, "04-reports-filled")

        # another town cannot see the first town's draft
        other_ctx, other = sign_in(chromium, base, "shuangjiang", PASSWORD)
        menu(other, "填报")
        expect(form(other, "(七)")).to_be_visible()
        expect(other.get_by_text(DRAFT_TEXT)).to_have_count(0)
        expect(form(other, "(七)").get_by_label("进展情况")).to_have_value("")
        other_ctx.close()

        submit(town, seven)
        submit(town, eight)
        expect(seven.get_by_text("已报送待审核")).to_be_visible()
        look_at(town, "05-reports-submitted")
        town.set_viewport_size({"width": 683, "height": 384})  # 200% zoom of 1366×768
        town.wait_for_timeout(600)  # the menu folds (its own transition)
        look_at(town, "05b-reports-200pct")
        town.set_viewport_size(VIEWPORT)

        # the lead returns (八) with a comment
        lead_ctx, lead = sign_in(chromium, base, "rsj", PASSWORD)
        menu(lead, "审核")
        row = (
            lead.locator(".el-card")
            .filter(has_text="提升就业质量")
            .get_by_role("row")
            .filter(has_text=TOWN)
        )
        row.get_by_role("button", name="退回").click()
        lead.get_by_label("退回意见").fill("请补充本月培训人数")
        lead.get_by_role("button", name="确认退回").click()
        expect(lead.get_by_text(f"已退回{TOWN}的报告")).to_be_visible()
        look_at(lead, "06-review-returned")

        # the town sees the return without reloading, and resubmits
        expect(eight.get_by_text("报告被退回：请补充本月培训人数")).to_be_visible(timeout=15_000)
        expect(town.get_by_role("button", name=re.compile("消息提醒，[1-9]"))).to_be_visible()
        look_at(town, "07-returned-live")
        eight.get_by_label("进展情况").fill("开展就业质量提升行动，组织技能培训两期，培训 86 人")
        submit(town, eight)

        # the lead accepts both and sends its consolidated report on (七)
        lead.reload()
        for task in ("稳定务工规模", "提升就业质量"):
            card = lead.locator(".el-card").filter(has_text=task)
            card.get_by_role("row").filter(has_text=TOWN).get_by_role("button", name="通过").click()
            expect(lead.get_by_text(f"已通过{TOWN}的报告").last).to_be_visible()
        consolidated = form(lead, "(七)")
        consolidated.get_by_label("进展情况").fill("全区务工规模稳定，各镇街报送已汇总")
        consolidated.get_by_label(re.compile("就业总体规模")).fill("2.45万")
        consolidated.get_by_label(re.compile("至少1人就业")).fill("1")
        submit(lead, consolidated)
        look_at(lead, "08-review-consolidated")
        lead_ctx.close()

        # the town's rectification item: evidence uploaded, completed
        menu(town, "整改台账")
        town.get_by_role("row").filter(has_text="逐户核对").get_by_role(
            "button", name="完成整改"
        ).click()
        dialog = town.get_by_role("dialog")
        dialog.get_by_label("整改进展").fill("已逐户核对并补齐台账 132 户")
        dialog.locator("input[type=file]").set_input_files(files=[EVIDENCE])
        expect(dialog.get_by_text("台账核对表.pdf")).to_be_visible()
        dialog.get_by_role("button", name="提交完成").click()
        expect(town.get_by_text("已报送完成，等待专班办公室销号")).to_be_visible()
        expect(town.get_by_text("已完成待销号").first).to_be_visible()
        look_at(town, "09-rectification")

        # the office urges the town while its page is open: the bell rings without reloading
        before = unread(town)
        assert before >= 2, before  # the round opened, the report returned
        today = dt.date.today()
        office(  # an item already past its deadline, to be urged about
            base,
            token,
            CREATE_FINDING,
            {
                "input": {
                    "description": "上月帮扶台账未按时报送",
                    "source": "DISTRICT_SUPERVISION",
                    "foundOn": (today - dt.timedelta(days=30)).isoformat(),
                    "items": [
                        {
                            "measures": "补报上月帮扶台账",
                            "deadline": (today - dt.timedelta(days=5)).isoformat(),
                            "responsibleUnitName": TOWN,
                        }
                    ],
                }
            },
        )
        urged = office(base, token, URGE, {"input": {"unitName": TOWN}})
        notice = urged["urgeNotice"]
        assert isinstance(notice, dict), urged
        title = f"催办通知(第{notice['sequence']}号)"
        expect(bell(town, before + 1)).to_be_visible(timeout=15_000)
        toast = town.locator(".el-notification").filter(has_text=title)
        expect(toast).to_be_visible()
        look_at(town, "10a-urge-live")
        toast.locator(".el-notification__closeBtn").click()
        expect(toast).to_have_count(0)
        # the earlier messages gone, so the bell's head shows in the screenshot
        expect(town.locator(".el-message")).to_have_count(0, timeout=10_000)
        bell(town, before + 1).click()
        inbox = town.get_by_role("log", name="站内消息")
        expect(inbox.get_by_role("button").first).to_contain_text(title)  # newest first
        expect(inbox.get_by_text("进展报告被退回")).to_be_visible()
        expect(town.get_by_text(f"{before + 1} 条未读，共")).to_be_visible()
        look_at(town, "10b-bell-open")

        # following the notice opens 催办 and marks it read; then all are marked read
        inbox.get_by_role("button").filter(has_text=title).click()
        expect(town.get_by_role("heading", name="催办", level=1)).to_be_visible()
        expect(bell(town, before)).to_be_visible()
        expect(town.get_by_text("共收到 1 份催办通知")).to_be_visible()
        look_at(town, "10-urges")
        bell(town, before).click()
        town.get_by_role("button", name="全部标为已读").click()
        expect(bell(town, 0)).to_be_visible()
        town.reload()  # read on the server, not only in this tab
        expect(bell(town, 0)).to_be_visible()

        # 账号: a token made (its secret shown once) and revoked
        menu(town, "账号")
        town.get_by_label("令牌用途").fill("数据对接")
        town.get_by_role("button", name="新建令牌").click()
        expect(town.get_by_test_id("token-secret")).to_be_visible()
        look_at(town, "11-account")
        town.get_by_role("row").filter(has_text="数据对接").get_by_role(
            "button", name="吊销"
        ).click()
        town.locator(".el-message-box").get_by_role("button", name="吊销").click()
        expect(town.get_by_text("已吊销令牌“数据对接”")).to_be_visible()
        town_ctx.close()
