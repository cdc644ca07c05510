"""The office's 任务 page in the browser, on PostgreSQL, against the real server process: the
office opens a task from the board, sees its chain drawn and a unit's chain in words, sets the
task's due date, adds a responsible unit picked from the suggestions and removes it again, and
chooses the task's 相关镇街 and the members of a fixed group (the drawing follows); a viewer
reads the same page with no edit buttons. Every page is screenshot at 1366×768 and checked by
axe-core."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

OFFICE, OFFICE_PASSWORD = "office", "office-demo-2025"
VIEWER, PASSWORD = "chayue", "browser-test-2025"
TASK_TITLE = "扎实推进“四个一批”"
FIXED_GROUP = "各衔接资金项目实施主管部门"


def seed(url: DatabaseUrl) -> None:
    """The plan, the office and a viewer, and this month's round of every task."""
    cli(url, "import-plan", str(PLAN_FILE))
    for name, role, password in (
        (OFFICE, "OFFICE_ADMIN", OFFICE_PASSWORD),
        (VIEWER, "VIEWER", PASSWORD),
    ):
        cli(
            url,
            "user",
            "create",
            name,
            "--unit",
            "专班办公室",
            "--role",
            role,
            "--password",
            password,
        )
    cli(url, "round", "open-scheduled")


def drawing(page: Page) -> str:
    """The SVG the page shows, decoded from the image's address (once it has loaded)."""
    image = page.get_by_test_id("chain-picture").get_by_role("img")
    expect(image).to_be_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-testid=chain-picture] img');"
        " return i && i.complete && i.naturalWidth > 0 }"
    )
    text: str = page.evaluate(
        "() => { const s = document.querySelector('[data-testid=chain-picture] img').src;"
        " return decodeURIComponent(s.slice(s.indexOf(',') + 1)) }"
    )
    return text


def folded(page: Page) -> None:
    """Wait until no date picker or message box is on its way out (axe sees it during that)."""
    expect(page.locator(".el-picker__popper:visible")).to_have_count(0)
    page.wait_for_timeout(600)


def test_the_office_edits_a_task_and_a_viewer_reads_it(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser
) -> None:
    seed(pg_url)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()

        # from the board: the task's link opens its page
        page.get_by_role("link", name=TASK_TITLE).first.click()
        expect(page.get_by_role("heading", name="任务", level=1)).to_be_visible()
        expect(page).to_have_url(f"{base}/office/tasks/4")
        expect(page.get_by_role("heading", name=f"(四){TASK_TITLE}", level=2)).to_be_visible()
        svg = drawing(page)
        assert "责任链</title>" in svg and "区农业农村委" in svg
        assert svg.count("成员未定") == 2  # 相关镇街 and 各衔接资金项目实施主管部门
        alt = page.get_by_test_id("chain-picture").get_by_role("img").get_attribute("alt") or ""
        assert "牵头单位区农业农村委" in alt, alt
        expect(page.get_by_text("相关镇街的成员尚未确定")).to_be_visible()
        expect(page.get_by_text("成员未定").first).to_be_visible()

        # a unit's chain in words
        page.get_by_role("combobox", name="查看某单位的责任链").click()
        page.get_by_role("option", name="区农业农村委", exact=True).click()
        words = page.get_by_test_id("chain-words")
        expect(words.get_by_text("区农业农村委是本任务的牵头单位。")).to_be_visible()
        expect(words.get_by_text("专班办公室").first).to_be_visible()
        look_at(page, "60-office-task")

        # the due date
        page.get_by_role("button", name="设置完成时限").click()
        dialog = page.get_by_role("dialog", name="设置完成时限")
        dialog.get_by_label("完成时限").fill("2025-12-31")
        dialog.get_by_label("完成时限").press("Enter")
        folded(page)
        look_at(page, "61-office-task-due-date")
        dialog.get_by_role("button", name="保存").click()
        expect(page.get_by_text("已将完成时限设为2025年12月31日")).to_be_visible()
        expect(page.get_by_test_id("task-due")).to_have_text("2025年12月31日")

        # a responsible unit picked from the suggestions, then removed
        page.get_by_role("button", name="添加分工").click()
        add = page.get_by_role("dialog", name="添加分工")
        add.get_by_role("combobox", name="单位").fill("财政")
        page.get_by_role("option", name="区财政局", exact=True).click()
        look_at(page, "62-office-task-assign")
        add.get_by_role("button", name="添加", exact=True).click()
        expect(page.get_by_text("已将区财政局列为责任单位")).to_be_visible()
        remove = page.get_by_role("button", name="移除 ：区财政局（责任单位）")
        expect(remove).to_be_visible()
        remove.click()
        confirm = page.get_by_role("dialog", name="移除分工")
        expect(confirm.get_by_text("确定不再将区财政局列为本任务的责任单位吗？")).to_be_visible()
        confirm.get_by_role("button", name="移除", exact=True).click()
        expect(page.get_by_text("已移除区财政局（责任单位）")).to_be_visible()
        expect(remove).to_have_count(0)

        # the task's 相关镇街: two towns; the flag goes and the drawing shows them
        page.get_by_role("button", name="设置成员 ：相关镇街").click()
        towns = page.get_by_role("dialog", name="本任务的相关镇街")
        towns.get_by_text("双江镇", exact=True).click()
        towns.get_by_text("崇龛镇", exact=True).click()
        expect(towns.get_by_text("已选 2 个")).to_be_visible()
        look_at(page, "63-office-task-related-towns")
        towns.get_by_role("button", name="保存").click()
        expect(page.get_by_text("已确定本任务的相关镇街：双江镇、崇龛镇")).to_be_visible()
        expect(page.get_by_text("相关镇街的成员尚未确定")).to_have_count(0)
        expect(page.get_by_role("cell", name="双江镇、崇龛镇")).to_be_visible()  # expanded
        page.wait_for_function(
            "() => decodeURIComponent(document.querySelector('[data-testid=chain-picture] img')"
            ".src).includes('崇龛镇')"
        )
        svg = drawing(page)
        assert "双江镇" in svg and "崇龛镇" in svg and svg.count("成员未定") == 1

        # a fixed group's members (the same for every task naming it), picked from the directory
        page.get_by_role("button", name=f"设置成员 ：{FIXED_GROUP}").click()
        fixed = page.get_by_role("dialog", name=f"{FIXED_GROUP}的成员")
        expect(fixed.get_by_text("对列有它的每一项任务都有效")).to_be_visible()
        picker = fixed.get_by_role("combobox", name=f"{FIXED_GROUP}的成员")
        for typed, name in (("财政", "区财政局"), ("发展改革", "区发展改革委")):
            picker.fill(typed)
            page.get_by_role("option", name=name, exact=True).click()
        expect(fixed.get_by_text("已选 2 个")).to_be_visible()
        fixed.get_by_text("对列有它的每一项任务都有效").click()  # the list folds away
        expect(page.get_by_role("option", name="区财政局", exact=True)).to_be_hidden()
        look_at(page, "63b-office-task-fixed-group")
        fixed.get_by_role("button", name="保存").click()
        expect(page.get_by_text(re.compile(f"^已确定{FIXED_GROUP}的成员："))).to_be_visible()
        expect(page.get_by_text("成员未定")).to_have_count(0)
        page.wait_for_function(
            "() => !decodeURIComponent(document.querySelector('[data-testid=chain-picture] img')"
            ".src).includes('成员未定')"
        )
        assert "区发展改革委" in drawing(page)
        page.wait_for_timeout(3500)  # the toasts fade before the last look
        look_at(page, "64-office-task-after")
        ctx.close()

        # a viewer: the same task, nothing to change
        ctx, page = sign_in(chromium, base, VIEWER, PASSWORD)
        menu(page, "任务")
        expect(page.get_by_text("请在上方选择一项任务")).to_be_visible()
        page.get_by_role("combobox", name="选择任务").click()
        page.get_by_role("option", name=f"(四){TASK_TITLE}").click()
        expect(page).to_have_url(f"{base}/office/tasks/4")
        expect(page.get_by_test_id("task-due")).to_have_text("2025年12月31日")
        assert "崇龛镇" in drawing(page)
        edits = ("设置完成时限", "添加分工", "设置成员 ：相关镇街", f"设置成员 ：{FIXED_GROUP}")
        for button in edits:
            expect(page.get_by_role("button", name=button)).to_have_count(0)
        expect(page.get_by_role("button", name="移除", exact=False)).to_have_count(0)
        look_at(page, "65-viewer-task")
        ctx.close()
