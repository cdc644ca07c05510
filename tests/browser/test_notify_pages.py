"""消息推送 and 消息投递 in the browser, on PostgreSQL, against the real server process: the town
sets a signed DingTalk robot (the secret never shown back), creates its calendar feed and the
address shown serves an iCalendar; the office opens a round, which notifies the town over that
robot, whose closed local port makes every attempt fail until it is a dead letter; the office
sees the delivery with its attempts and sends the dead letter again. Every page is screenshot at
1366×768 and checked by axe-core."""

from __future__ import annotations

import datetime as dt
import re
import socket
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, expect

from tests.browser.test_office_month import (
    OFFICE,
    OFFICE_PASSWORD,
    PASSWORD,
    TOWN,
    call,
    seed,
)
from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import running_server
from tongnan.domain.common.database import DatabaseUrl

SECRET = "SECtown-signing-secret-0123456789"
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
DELIVERIES = "{ notificationDeliveries { items { status attemptCount lastError } } }"
DEAD = "{ deadLetters { totalCount items { attempts { ok } } } }"


def closed_port() -> int:
    """A local port nobody listens on: a robot there refuses every message."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_dead_letter(base: str, token: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if call(base, DEAD, {}, token=token)["totalCount"]:
            return
        time.sleep(0.3)
    deliveries = call(base, DELIVERIES, {}, token=token)
    raise AssertionError(f"no dead letter within 30 s: {deliveries}")


def test_notification_pages(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    token = seed(pg_url)
    robot = f"http://127.0.0.1:{closed_port()}/robot/send?access_token=town"
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
        TONGNAN_NOTIFY_POLL_SECONDS="0.2",
        TONGNAN_NOTIFY_BACKOFF_BASE_SECONDS="0.2",
        TONGNAN_NOTIFY_BACKOFF_MAX_SECONDS="0.5",
        TONGNAN_NOTIFY_MAX_FAILURES="2",
    ) as base:
        ctx, town = sign_in(chromium, base, "guilin", PASSWORD)
        menu(town, "消息推送")
        expect(town.get_by_text("未设置").first).to_be_visible()
        look_at(town, "40-town-notify-empty")

        # a signed DingTalk robot; the secret is typed once and never comes back
        town.get_by_role("button", name="添加钉钉群机器人").click()
        dialog = town.get_by_role("dialog", name="添加钉钉群机器人")
        dialog.get_by_label("Webhook 地址").fill(robot)
        dialog.get_by_label("加签密钥").fill(SECRET)
        look_at(town, "41-town-notify-dingtalk-dialog")
        dialog.get_by_label("加签密钥").press("Enter")  # the keyboard submits the form
        expect(town.get_by_text("钉钉群机器人已保存")).to_be_visible()
        expect(dialog).to_be_hidden()
        row = town.get_by_role("row", name=re.compile("钉钉群机器人"))
        expect(row.get_by_text("已启用")).to_be_visible()
        expect(row.get_by_text("127.0.0.1")).to_be_visible()
        expect(row.get_by_text("已设置")).to_be_visible()
        assert SECRET not in town.content() and "access_token" not in town.content()
        town.get_by_role("button", name="修改钉钉群机器人").click()
        again = town.get_by_role("dialog", name="修改钉钉群机器人")
        secret_field = again.get_by_label("加签密钥", exact=True)
        expect(secret_field).to_have_value("")
        expect(again.get_by_label("Webhook 地址")).to_have_value("")
        expect(again.get_by_label("加签密钥", exact=True)).to_have_attribute(
            "placeholder", re.compile("已设置")
        )
        assert SECRET not in town.content()
        again.get_by_role("button", name="取消").click()
        expect(again).to_be_hidden()

        # the calendar feed: its full address shown once, served as iCalendar
        town.get_by_role("button", name="生成订阅地址").click()
        shown = town.get_by_label("订阅地址", exact=True)
        expect(shown).to_have_value(re.compile(r"^http://127\.0\.0\.1:\d+/calendar/.+\.ics$"))
        expect(town.get_by_text("Outlook").first).to_be_visible()
        look_at(town, "42-town-notify-feed")
        shown_url = shown.input_value()
        feed = httpx.get(shown_url, timeout=30)
        assert feed.status_code == 200, feed.text
        assert feed.headers["content-type"].startswith("text/calendar"), feed.headers
        assert "BEGIN:VCALENDAR" in feed.text
        expect(town.get_by_text(re.compile("当前订阅地址"))).to_be_visible()
        town.get_by_role("button", name="吊销订阅地址").click()
        town.get_by_role("dialog", name="吊销订阅地址").get_by_role("button", name="吊销").click()
        expect(town.get_by_text("订阅地址已吊销")).to_be_visible()
        expect(town.get_by_text("尚未生成订阅地址。")).to_be_visible()
        assert httpx.get(shown_url, timeout=30).status_code == 404
        ctx.close()

        # a round opened notifies the town over its robot; the closed port makes a dead letter
        due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        call(base, OPEN, {"input": {"name": "2025年7月调度", "dueDate": due}}, token=token)
        wait_for_dead_letter(base, token)

        octx, office = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        menu(office, "消息投递")
        dead = office.get_by_role("table").first
        expect(office.get_by_role("button", name=f"重新发送给{TOWN}").first).to_be_visible()
        expect(office.get_by_text("死信").nth(1)).to_be_visible()
        office.get_by_role("combobox", name="按状态筛选").focus()  # by the keyboard
        office.keyboard.press("Enter")
        office.get_by_role("option", name="死信").click()
        expect(office.get_by_text("共 1 条")).to_be_visible()
        office.locator(".el-table__expand-icon").first.click()
        expect(office.get_by_text("第 1 次")).to_be_visible()
        expect(office.get_by_text("失败").first).to_be_visible()
        look_at(office, "43-office-deliveries")
        assert dead.is_visible()

        office.get_by_role("button", name=f"重新发送给{TOWN}").first.click()
        confirm = office.get_by_role("dialog", name="重新发送")
        confirm.get_by_role("button", name="重新发送").click()
        expect(office.get_by_text(f"已重新排队发送给{TOWN}")).to_be_visible()
        octx.close()
