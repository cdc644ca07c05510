"""Shared fixtures: every storage test runs once on SQLite and once on PostgreSQL.

Fixtures only: helpers and data that test modules import live in ``tests.support``, which every
tier may use; no test module imports a conftest or another tier's modules.

Servers the tests start as subprocesses do not warm up a render process at start-up
(TONGNAN_RENDER_WARM_UP=0 below); a test database on PostgreSQL is dropped in the background
(tests.support.databases).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.databases import (
    Databases,
    PostgresDatabases,
    SqliteDatabases,
    requested_backends,
)
from tests.support.files import TEST_AUDIT_KEY, TEST_COST_BUDGET
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database

os.environ.setdefault("TONGNAN_AUDIT_KEY", TEST_AUDIT_KEY)  # commands run by tests inherit it

# The suite's own per-caller cost budget (tests.support.files): servers run as subprocesses read
# it from the environment; in-process apps get it from the API fixtures.
os.environ.setdefault("TONGNAN_COST_BUDGET", str(TEST_COST_BUDGET))
os.environ.setdefault("TONGNAN_COST_REFILL_PER_MINUTE", str(TEST_COST_BUDGET))

# Servers run as subprocesses print documents only where a test asks for one, and then start
# their render process at the first print. Warmed up at start-up (the production default), that
# process loads WeasyPrint and the fonts beside the test, and the server's shutdown waits for it:
# about 9 s per server on a busy machine.
os.environ.setdefault("TONGNAN_RENDER_WARM_UP", "0")


@pytest.fixture(scope="session")
def _databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Databases]]:
    made: dict[str, Databases] = {}
    backends = requested_backends()
    try:
        if "sqlite" in backends:
            made["sqlite"] = SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
        if "postgres" in backends:
            made["postgres"] = PostgresDatabases()
        for databases in made.values():
            databases.create_template()
        yield made
    finally:
        pg = made.get("postgres")
        if isinstance(pg, PostgresDatabases):
            pg.drop_all()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", requested_backends(), scope="session")


@pytest.fixture
def databases(_databases: dict[str, Databases], backend: str) -> Databases:
    return _databases[backend]


@pytest.fixture
async def db_url(databases: Databases) -> AsyncIterator[DatabaseUrl]:
    """A freshly migrated database of its own for one test (not yet opened)."""
    url = await databases.clone()
    try:
        yield url
    finally:
        await databases.drop(url)


@pytest.fixture
async def db(db_url: DatabaseUrl) -> AsyncIterator[DatabaseUrl]:
    """A freshly migrated database, opened for the models for the length of the test."""
    async with open_database(db_url):
        yield db_url


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") and "postgres" not in requested_backends():
        raise pytest.UsageError("CI requires the PostgreSQL backend: unset TONGNAN_TEST_BACKENDS")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: nothing may quietly not run (PostgreSQL above all)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter is not None else 0
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        if reporter is not None:
            reporter.write_line(f"CI: {skipped} test(s) skipped; skips are failures here", red=True)
        session.exitstatus = 1


@pytest.fixture
async def pg_db_url(_databases: dict[str, Databases]) -> AsyncIterator[DatabaseUrl]:
    """A fresh migrated PostgreSQL database, for tests that are about PostgreSQL itself."""
    databases = _databases.get("postgres")
    if databases is None:  # only when a local run asked for SQLite alone; CI always has it
        pytest.skip("TONGNAN_TEST_BACKENDS excludes postgres")
    url = await databases.clone()
    try:
        yield url
    finally:
        await databases.drop(url)


@pytest.fixture
async def sqlite_db_url(_databases: dict[str, Databases]) -> AsyncIterator[DatabaseUrl]:
    """A fresh migrated SQLite file, for tests that are about SQLite itself."""
    databases = _databases.get("sqlite")
    if databases is None:  # only when a local run asked for PostgreSQL alone
        pytest.skip("TONGNAN_TEST_BACKENDS excludes sqlite")
    url = await databases.clone()
    try:
        yield url
    finally:
        await databases.drop(url)
