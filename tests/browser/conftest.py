"""Fixtures of the browser tier: the built workbench, Debian's Chromium launched by path, a
server process on a free port, and a fresh 1366×768 context per person."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

from tests.support.browser import CHROMIUM, build_workbench, fresh_artifacts
from tests.support.databases import Databases
from tongnan.domain.common.database import DatabaseUrl

# A server busy printing a PDF or writing a round answers in seconds, not milliseconds, on a
# loaded machine: an assertion waits this long before it fails (success returns at once).
expect.set_options(timeout=20_000)

T = TypeVar("T")


def off_the_loop(work: Callable[[], Awaitable[T]]) -> T:
    """Run async work in a thread of its own: Playwright's sync API keeps an event loop running
    in this one, so the async database fixtures cannot be used here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()  # type: ignore[arg-type]


def _database(made: dict[str, Databases], backend: str) -> Iterator[DatabaseUrl]:
    databases = made.get(backend)
    if databases is None:  # only when a local run left the backend out; CI has both
        pytest.skip(f"TONGNAN_TEST_BACKENDS excludes {backend}")
    url = off_the_loop(databases.clone)
    try:
        yield url
    finally:
        off_the_loop(lambda: databases.drop(url))


@pytest.fixture
def sqlite_url(_databases: dict[str, Databases]) -> Iterator[DatabaseUrl]:
    """A fresh migrated SQLite file (the smoke test's)."""
    yield from _database(_databases, "sqlite")


@pytest.fixture
def pg_url(_databases: dict[str, Databases]) -> Iterator[DatabaseUrl]:
    """A fresh migrated PostgreSQL database (the full stories')."""
    yield from _database(_databases, "postgres")


@pytest.fixture(scope="session")
def web_dist() -> Path:
    return build_workbench()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    return fresh_artifacts()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Per module, never per session: while it lives, Playwright's sync API keeps an event loop
    running in this thread, and every async test that followed would fail to start its own."""
    if not CHROMIUM.is_file():
        pytest.fail("Debian's chromium is missing: bin/test installs it (apt-get install chromium)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
    )
    try:
        yield browser
    finally:
        browser.close()
