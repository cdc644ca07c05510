"""计划导入 in the browser, on PostgreSQL, against the real server process: the office signs in,
chooses a .docx notice without a document number (the corpus's task list, written out with
python-docx), reads the preview (a task's label and units, the units the directory lacks),
sets the number and previews again, ticks 新建名录中没有的单位 and confirms in the dialog; the
directory changed meanwhile, so the import is refused (CONFLICT, in Chinese), previewed again and
confirmed; the plan's tasks are shown as stored. The preview, the dialog, the refusal and the
result are screenshot at 1366×768 and checked by axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from playwright.sync_api import Browser, expect

from tests.browser.test_office_month import OFFICE, OFFICE_PASSWORD
from tests.support.browser import look_at, menu, sign_in
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tests.support.notice_files import FIXTURES
from tongnan.domain.common.database import DatabaseUrl

NOTICE = "04-task-list-no-header.txt"  # GB18030, as saved by a clerk's editor
CODE = "潼南乡建〔2025〕2号"


def notice_docx(folder: Path) -> Path:
    """The corpus's headerless task list as a Word file, one paragraph a line."""
    text = (FIXTURES / NOTICE).read_bytes().decode("gb18030")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    path = folder / "乡村建设重点任务清单.docx"
    document.save(str(path))
    return path


def test_the_office_imports_a_notice(
    pg_url: DatabaseUrl, web_dist: Path, artifacts: Path, chromium: Browser, tmp_path: Path
) -> None:
    cli(pg_url, "import-plan", str(PLAN_FILE))
    cli(pg_url, "user", "create", OFFICE, "--unit", "专班办公室", "--role", "OFFICE_ADMIN",
        "--password", OFFICE_PASSWORD)  # fmt: skip
    notice = notice_docx(tmp_path)
    with running_server(
        pg_url,
        TONGNAN_WEB_ROOT=str(web_dist),
        TONGNAN_TRUSTED_DOCUMENTS=str(web_dist / "operations.json"),
    ) as base:
        ctx, page = sign_in(chromium, base, OFFICE, OFFICE_PASSWORD)
        menu(page, "计划导入")
        page.get_by_label("通知文件").set_input_files(str(notice))

        # the preview: the outline, the missing number, the units the directory lacks
        expect(page.get_by_role("heading", name=re.compile("预览：.*乡村建设"))).to_be_visible()
        tasks = page.locator(".el-table").first
        row = tasks.locator("tr", has_text="推进农村供水保障")
        expect(row).to_contain_text("2.")
        expect(row).to_contain_text("农村基础设施")
        expect(row).to_contain_text("区水利局")
        expect(row).to_contain_text("区发展改革委、区财政局等")
        expect(page.get_by_text("通知上没有，请填写")).to_be_visible()
        new_units = page.locator(".el-table", has_text="名录中相近的单位")
        expect(new_units.locator("tr", has_text="区水利局")).to_be_visible()
        confirm = page.get_by_role("button", name="确认导入")
        expect(confirm).to_be_disabled()
        expect(page.get_by_text("请填写发文字号后重新预览")).to_be_visible()
        look_at(page, "40-office-plan-import-preview")

        # the number, typed and previewed again (by keyboard); the new units to be created
        page.get_by_label("发文字号").fill(CODE)
        page.get_by_label("发文字号").press("Enter")
        expect(page.locator(".el-descriptions").first).to_contain_text(CODE)
        expect(confirm).to_be_disabled()
        expect(page.get_by_text(re.compile("有 4 个单位不在单位名录里"))).to_be_visible()
        page.get_by_label("新建名录中没有的单位").focus()  # by keyboard
        page.keyboard.press("Space")
        expect(page.get_by_label("新建名录中没有的单位")).to_be_checked()
        expect(confirm).to_be_enabled()
        confirm.click()
        dialog = page.get_by_role("dialog", name="确认导入")
        expect(dialog).to_contain_text("共 4 项任务，并新建")
        look_at(page, "41-office-plan-import-confirm")

        # meanwhile another notice brings 区水利局 and 区教委 into the directory: a CONFLICT
        other = FIXTURES / "03-pdf-copy-key-lines.txt"
        cli(pg_url, "import-plan", str(other), "--create-units", "--no-directory")
        dialog.get_by_role("button", name="确认导入").click()
        expect(page.get_by_role("alert").filter(has_text="请重新预览后再导入")).to_be_visible()
        look_at(page, "42-office-plan-import-conflict")
        page.get_by_role("button", name="重新预览").click()
        expect(page.get_by_role("heading", name="名录中没有的单位（2 个）")).to_be_visible()
        confirm.click()
        page.get_by_role("dialog", name="确认导入").get_by_role("button", name="确认导入").click()

        # what was stored
        expect(page.get_by_role("heading", name=f"已导入：{CODE}")).to_be_visible()
        stored = page.locator(".el-table")  # the preview is gone: only the stored tasks remain
        expect(stored).to_have_count(1)
        expect(stored).to_contain_text("推进农村供水保障")
        expect(stored).to_contain_text("加强村卫生室建设")
        created = "区交通局、区卫生健康委"
        expect(page.locator(".el-descriptions")).to_contain_text(f"新建的单位{created}")
        look_at(page, "43-office-plan-import-done")
        ctx.close()
