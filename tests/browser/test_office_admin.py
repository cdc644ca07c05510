"""The office's accounts, audit and supervision pages in the browser, on PostgreSQL, against the
real server process: the office opens a town account with a generated password (shown once, and
it signs in), disables another account (asked first; it can no longer sign in), resets a third
account's password typed twice (the new one signs in through /auth/login, the old one no longer),
opens that account's API tokens and revokes one (asked first; it gets 401 at once), records a
spot check drawn by a given seed and a finding with an item, a finding of another source
(市委巡视反馈) and lists the findings by source, and reads the supervision's history in words.
Every page is screenshot at 1366×768 and checked by axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

OFFICE, OFFICE_PASSWORD = "office", "office-demo-2025"
TOWN, PASSWORD = "桂林街道", "browser-test-2025"
NEW_PASSWORD = "reset-new-2025"
SEED = "2025年第三季度抽查"


def seed(url: DatabaseUrl) -> None:
    cli(url, "import-plan", str(PLAN_FILE))
    accounts = (
        (OFFICE, "专班办公室", "OFFICE_ADMIN", OFFICE_PASSWORD),
        ("guilin", TOWN, "UNIT_REPORTER", PASSWORD),
        ("guilin-old", TOWN, "UNIT_REPORTER", PASSWORD),
    )
    for name, unit, role, password in accounts:
        cli(url, "user", "create", name, "--unit", unit, "--role", role, "--password", password)


def signs_in(base: str, name: str, password: str) -> bool:
    response = httpx.post(f"{base}/auth/login", json={"username": name, "password": password})
    return response.status_code == 200


def bearer_status(base: str, token: str) -> int:
    response = httpx.post(
        f"{base}/graphql",
        json={"query": "{ viewer { name } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_the_offices_accounts_audit_and_supervision(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)

        # 账号管理: the town's accounts; a new one with a generated password shown once
        menu(page, "账号管理")
        choose(page, "单位", TOWN)
        expect(page.get_by_text("共 2 个账号")).to_be_visible()
        look_at(page, "40-office-users")
        page.get_by_role("button", name="开设账号").click()
        dialog = page.get_by_role("dialog", name="开设账号")
        dialog.get_by_label("用户名").fill("guilin-new")
        expect(dialog.get_by_text(TOWN)).to_be_visible()  # the filtered unit, chosen
        dialog.get_by_role("button", name="随机生成密码").click()
        look_at(page, "41-office-user-create")
        dialog.get_by_role("button", name="开设", exact=True).click()
        expect(page.get_by_text("已开设账号 guilin-new")).to_be_visible()
        shown = page.get_by_test_id("shown-password").inner_text().strip()
        assert len(shown) == 12, shown
        expect(page.get_by_text("共 3 个账号")).to_be_visible()
        look_at(page, "42-office-user-created")
        assert signs_in(base, "guilin-new", shown)

        # disable another, after being asked
        page.get_by_role("button", name="停用 ：guilin-old").click()
        confirm = page.get_by_role("dialog", name="停用账号")
        expect(confirm.get_by_text("将不能登录")).to_be_visible()
        confirm.get_by_role("button", name="停用", exact=True).click()
        expect(page.get_by_text("已停用 guilin-old")).to_be_visible()
        expect(page.get_by_role("button", name="停用 ：guilin-old")).to_have_count(0)
        assert not signs_in(base, "guilin-old", PASSWORD)

        # reset a password typed twice; a mismatch is named first
        page.get_by_role("button", name="重置密码 ：guilin", exact=True).click()
        reset = page.get_by_role("dialog", name="重置密码：guilin")
        reset.get_by_label("新密码（至少 8 个字符）").fill(NEW_PASSWORD)
        reset.get_by_label("再次输入新密码").fill(NEW_PASSWORD + "x")
        reset.get_by_role("button", name="重置", exact=True).click()
        expect(reset.get_by_text("两次输入的新密码不一致")).to_be_visible()
        look_at(page, "43-office-user-reset-mismatch")
        reset.get_by_label("再次输入新密码").fill(NEW_PASSWORD)
        reset.get_by_role("button", name="重置", exact=True).click()
        expect(page.get_by_text("已重置 guilin 的密码")).to_be_visible()
        expect(page.get_by_test_id("shown-password")).to_have_count(0)  # typed, not generated
        assert signs_in(base, "guilin", NEW_PASSWORD)
        assert not signs_in(base, "guilin", PASSWORD)
        look_at(page, "44-office-users-after")

        # 令牌: the account's API tokens (never the secret); one revoked, asked first
        token = (
            cli(
                pg_url,
                "token",
                "create",
                "--unit",
                TOWN,
                "--role",
                "UNIT_REPORTER",
                "--name",
                "guilin",
            )
            .strip()
            .splitlines()[-1]
        )
        assert bearer_status(base, token) == 200
        page.get_by_role("button", name="令牌 ：guilin", exact=True).click()
        drawer = page.get_by_role("dialog", name="访问令牌：guilin")
        expect(drawer.get_by_text(f"{token[:10]}…", exact=True)).to_be_visible()
        expect(drawer.get_by_text("可用", exact=True)).to_be_visible()
        expect(drawer.get_by_text(token)).to_have_count(0)
        look_at(page, "45-office-user-tokens")
        drawer.get_by_role("button", name=f"吊销 ：{token[:10]}…").click()
        asked = page.get_by_role("dialog", name="吊销访问令牌")
        expect(asked.get_by_text("立即失效")).to_be_visible()
        asked.get_by_role("button", name="吊销", exact=True).click()
        expect(page.get_by_text("已吊销该访问令牌，它已立即失效")).to_be_visible()
        expect(drawer.get_by_text(re.compile("^已吊销（"))).to_be_visible()
        expect(drawer.get_by_role("button", name=re.compile("^吊销"))).to_have_count(0)
        look_at(page, "45-office-user-token-revoked")
        assert bearer_status(base, token) == 401
        page.keyboard.press("Escape")
        expect(drawer).to_be_hidden()

        # 督查: a spot check drawn by the given seed, then a finding with an item
        menu(page, "督查")
        page.get_by_role("button", name="新建督查").click()
        form = page.get_by_role("dialog", name="新建督查")
        form.get_by_text("随机抽查暗访").click()
        form.get_by_label("督查名称").fill("第三季度随机抽查暗访")
        form.get_by_label("抽取单位数").fill("2")
        form.get_by_label("种子（不填由系统随机生成并记录）").fill(SEED)
        look_at(page, "46-office-supervision-new")
        form.get_by_role("button", name="抽签并保存").click()
        expect(page.get_by_text("已新建督查“第三季度随机抽查暗访”")).to_be_visible()
        drawn = page.get_by_test_id("draw-result")
        expect(drawn.get_by_text(SEED)).to_be_visible()
        expect(drawn.get_by_text("sha256-rank-v1")).to_be_visible()
        look_at(page, "47-office-supervision-drawn")

        page.get_by_role("button", name="记录问题 ：第三季度随机抽查暗访").click()
        record = page.get_by_role("dialog", name="记录问题：第三季度随机抽查暗访")
        record.get_by_label("问题描述").fill("监测对象信息未及时更新")
        record.get_by_label("整改措施（填写后为每个涉及单位建立整改事项）").fill("逐户更新监测信息")
        due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
        record.get_by_label("整改时限").fill(due)
        expect(page.get_by_role("dialog", name="选择日期")).to_be_visible()  # the calendar, named
        record.get_by_label("整改时限").press("Enter")
        record.get_by_label("问题描述").click()  # the calendar folds away
        expect(page.locator(".el-picker__popper:visible")).to_have_count(0)
        look_at(page, "48-office-finding-new")
        record.get_by_role("button", name="记录", exact=True).click()
        expect(page.get_by_text("已记录问题，建立整改事项 1 项")).to_be_visible()
        page.locator(".el-table__expand-icon").first.click()
        expect(page.get_by_text("监测对象信息未及时更新").first).to_be_visible()
        expect(page.get_by_text("中签").first).to_be_visible()
        look_at(page, "49-office-supervision-detail")
        # a finding of another source (an inspection's feedback, no supervision of the office's),
        # then the findings listed by source
        page.get_by_role("button", name="记录其他来源的问题").click()
        record = page.get_by_role("dialog", name="记录问题")
        record.get_by_text(
            "请选择来源"
        ).click()  # the empty select: its placeholder takes the click
        page.get_by_role("option", name="市委巡视反馈").click()
        record.get_by_label("问题描述").fill("防返贫监测帮扶政策宣传不到位")
        record.get_by_role("button", name="记录", exact=True).click()
        expect(page.get_by_text("已记录问题", exact=True)).to_be_visible()
        findings = page.locator('.el-table[aria-label="发现的问题"]')
        source_filter = page.locator(".el-select").filter(
            has=page.locator("#finding-source-filter")
        )
        expect(page.get_by_test_id("finding-count")).to_have_text("共 2 个问题")
        source_filter.click()
        page.get_by_role("option", name="市委巡视反馈").click()
        expect(page.get_by_test_id("finding-count")).to_have_text("共 1 个问题")
        expect(findings.get_by_text("防返贫监测帮扶政策宣传不到位")).to_be_visible()
        expect(findings.get_by_text("监测对象信息未及时更新")).to_have_count(0)
        look_at(page, "49b-office-findings-by-source")
        source_filter.click()
        page.get_by_role("option", name="区级专项督查").click()
        expect(page.get_by_test_id("finding-count")).to_have_text("共 1 个问题")
        expect(findings.get_by_text("第三季度随机抽查暗访")).to_be_visible()
        # 审计: the chain's state, verified now (完整); the supervision's history, in words
        menu(page, "审计")
        chain = page.get_by_role("region", name="留痕链状态")
        expect(chain.get_by_text("尚未核验")).to_be_visible()
        chain.get_by_role("button", name="立即核验").click()
        expect(chain.get_by_text("完整", exact=True)).to_be_visible()
        expect(chain.get_by_text(re.compile("最近一次核验：.*office在工作台核验"))).to_be_visible()
        page.get_by_label("从列表选择对象").click()
        page.get_by_role("option", name="随机抽查暗访：第三季度随机抽查暗访").click()
        expect(page.get_by_text("新建督查", exact=True)).to_be_visible()
        expect(page.get_by_text("共 1 条")).to_be_visible()
        page.get_by_text("变更内容").click()
        expect(page.get_by_text(re.compile(SEED)).last).to_be_visible()
        look_at(page, "50-office-audit")
        # an account's record, opened from 账号管理: opened, disabled, in words
        menu(page, "账号管理")
        choose(page, "单位", TOWN)
        page.get_by_role("button", name="记录 ：guilin-old").click()
        expect(page).to_have_url(re.compile(r"/office/audit\?id="))
        expect(page.locator("#app").get_by_text(f"guilin-old（{TOWN}）")).to_be_visible()  # picked
        history = page.locator(".el-timeline")
        expect(history.get_by_text("开设账号", exact=True)).to_be_visible()
        expect(history.get_by_text("停用账号", exact=True)).to_be_visible()
        look_at(page, "51-office-audit-account")
        ctx.close()
