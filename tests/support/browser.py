"""Helpers of the browser tests: the workbench's build (reused while its sources are unchanged),
Debian's Chromium by path, screenshots at 1366×768 into an artifacts folder, and axe-core run in
every page looked at."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.support.files import REPO

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright never downloads a browser
WEB_DIST = REPO / "web" / "dist"
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "var" / "test-artifacts" / "browser"
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
SERIOUS = {"serious", "critical"}


def build_workbench() -> Path:
    """``bin/build-web``: builds web/dist only when its sources, lock or schema changed."""
    result = subprocess.run(
        [str(REPO / "bin" / "build-web")], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (WEB_DIST / "index.html").is_file()
    return WEB_DIST


def fresh_artifacts() -> Path:
    """The folder of this run's screenshots and axe reports, emptied."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


def look_at(page: Page, name: str) -> Path:
    """Screenshot the page (1366×768 viewport, whole page) and assert axe finds nothing serious;
    the screenshot and axe's findings go to the artifacts folder."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => window.scrollTo(0, 0)")  # sticky header and menu drawn at the top
    shot = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True, animations="disabled")  # transitions ended
    violations = axe_violations(page)
    (ARTIFACTS / f"{name}.axe.json").write_text(
        json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {n.get('html', '')[:200]}" for n in v["nodes"][:5])
        for v in violations
    ]
    assert not violations, f"axe on {name}:\n" + "\n".join(summary)
    return shot


def sign_in(browser: Browser, base: str, name: str, password: str) -> tuple[BrowserContext, Page]:
    """A fresh 1366×768 zh-CN context signed in through the workbench's sign-in page."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", base_url=base)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登 录").click()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    return context, page


def menu(page: Page, title: str) -> None:
    """Open a page from the left menu and wait for its heading (names matched whole: a unit has
    both 我的任务 and 任务)."""
    page.get_by_role("menuitem", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1, exact=True)).to_be_visible()
