"""Per-run test databases: one migrated template per backend, cloned for each test.

PostgreSQL: a database named ``tongnan_t_<run>`` is migrated once, and each test gets
``CREATE DATABASE … TEMPLATE`` of it; every database of the run is dropped at the end.
SQLite: a migrated template file is copied per test.

A test's PostgreSQL database is dropped in the background: ``DROP DATABASE`` waits for a
checkpoint (seconds on a busy machine), and the next test, which has its own database, need not
wait for it. At most ``DROPS_PENDING`` drops wait at a time (a test's teardown waits for the
oldest beyond that, so the disk does not fill up), and the end of the run waits for them all; a
drop that fails fails the run there.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import asyncpg

from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.migrate import upgrade

ADMIN_URL = os.environ.get("TONGNAN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
DROPS_PENDING = 4  # test databases (a few MB each) waiting to be dropped in the background


def requested_backends() -> list[str]:
    """Both by default; TONGNAN_TEST_BACKENDS=sqlite narrows it for a quick local run."""
    raw = os.environ.get("TONGNAN_TEST_BACKENDS", "sqlite,postgres")
    backends = [b.strip() for b in raw.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown or not backends:
        raise RuntimeError(f"TONGNAN_TEST_BACKENDS={raw!r}: use sqlite, postgres or both")
    return backends


class PostgresDatabases:
    def __init__(self) -> None:
        self.admin = DatabaseUrl.parse(ADMIN_URL)
        self.run = f"tongnan_t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.template = self.run + "_tpl"
        self.count = 0
        self._dropper = ThreadPoolExecutor(1, thread_name_prefix="drop-test-database")
        self._drops: deque[Future[None]] = deque()

    async def _execute(self, sql: str) -> None:
        conn = await asyncpg.connect(self.admin.asyncpg_dsn(), timeout=10)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def create_template(self) -> None:
        try:
            asyncio.run(self._execute(f'CREATE DATABASE "{self.template}"'))
        except (OSError, asyncpg.PostgresError) as exc:
            raise RuntimeError(
                f"PostgreSQL is required for the storage tests and is not reachable at "
                f"{self.admin.redacted()}: {exc}. Start it (see README) or set "
                f"TONGNAN_TEST_BACKENDS=sqlite for a local SQLite-only run."
            ) from exc
        upgrade(self.admin.with_database(self.template))

    async def clone(self) -> DatabaseUrl:
        self.count += 1
        name = f"{self.run}_{self.count}"
        await self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.admin.with_database(name)

    async def empty(self) -> DatabaseUrl:
        self.count += 1
        name = f"{self.run}_{self.count}"
        await self._execute(f'CREATE DATABASE "{name}"')
        return self.admin.with_database(name)

    async def drop(self, url: DatabaseUrl) -> None:
        """Drop the test's database in the background (see the module's docstring)."""
        sql = f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'
        self._drops.append(self._dropper.submit(asyncio.run, self._execute(sql)))
        while len(self._drops) > DROPS_PENDING or (self._drops and self._drops[0].done()):
            await asyncio.wrap_future(self._drops.popleft())  # raises if that drop failed

    def drop_all(self) -> None:
        """Wait for the background drops, drop whatever of the run is left, then raise the first
        background drop's failure, if one failed."""
        self._dropper.shutdown(wait=True)
        failures = [error for f in self._drops if (error := f.exception()) is not None]
        self._drops.clear()

        async def main() -> None:
            conn = await asyncpg.connect(self.admin.asyncpg_dsn(), timeout=10)
            try:
                rows = await conn.fetch(
                    "SELECT datname FROM pg_database WHERE datname LIKE $1", self.run + "%"
                )
                for row in rows:
                    await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
            finally:
                await conn.close()

        asyncio.run(main())
        if failures:
            raise failures[0]


class SqliteDatabases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template.db"
        self.count = 0

    def create_template(self) -> None:
        upgrade(DatabaseUrl(backend="sqlite", path=str(self.template)))

    async def clone(self) -> DatabaseUrl:
        self.count += 1
        path = self.root / f"test_{self.count}.db"
        shutil.copyfile(self.template, path)
        return DatabaseUrl(backend="sqlite", path=str(path))

    async def empty(self) -> DatabaseUrl:
        self.count += 1
        return DatabaseUrl(backend="sqlite", path=str(self.root / f"empty_{self.count}.db"))

    async def drop(self, url: DatabaseUrl) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(url.path + suffix).unlink(missing_ok=True)  # noqa: ASYNC240 - a local temp file


Databases = PostgresDatabases | SqliteDatabases
