"""Smoke test on SQLite: the real server process serves the workbench; the sign-in page is
drawn in Chinese, passes axe-core, and says in Chinese why a sign-in was refused."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.support.browser import VIEWPORT, look_at
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl


def test_the_sign_in_page(
    sqlite_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    cli(sqlite_url, "import-plan", str(PLAN_FILE))
    with running_server(
        sqlite_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        context = chromium.new_context(viewport=VIEWPORT, locale="zh-CN", base_url=base)
        page = context.new_page()
        page.goto("/reports")
        expect(page).to_have_url(f"{base}/login?redirect=/reports")
        expect(page.get_by_role("heading", name="工作调度平台")).to_be_visible()
        expect(page.get_by_label("用户名")).to_be_focused()
        look_at(page, "01-login")

        page.get_by_role("button", name="登 录").click()
        expect(page.get_by_text("请输入用户名")).to_be_visible()

        page.get_by_label("用户名").fill("nobody")
        page.get_by_label("密码").fill("wrong-password-1")
        page.get_by_label("密码").press("Enter")
        expect(page.get_by_role("alert").filter(has_text="用户名或密码不正确")).to_be_visible()
        look_at(page, "02-login-refused")
        context.close()

        # 200% zoom on a 1366×768 screen: a 683×384 viewport
        zoomed = chromium.new_context(viewport={"width": 683, "height": 384}, base_url=base)
        page = zoomed.new_page()
        page.goto("/login")
        expect(page.get_by_role("button", name="登 录")).to_be_visible()
        look_at(page, "01b-login-200pct")
        zoomed.close()
