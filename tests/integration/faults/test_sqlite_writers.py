"""SQLite with several writer processes at once: every write lands, none is lost or torn."""

from __future__ import annotations

import asyncio
import sys

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import AuditEvent
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.plan_import import import_plan

WRITERS, WRITES = 4, 25


async def test_concurrent_writer_processes_lose_nothing(sqlite_db_url: DatabaseUrl) -> None:
    url = sqlite_db_url
    async with open_database(url):
        await import_plan(
            parse_notice(PLAN_FILE.read_text(encoding="utf-8")),
            Actor(name="setup", role=Role.OFFICE_ADMIN),
            parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8")),
        )
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.faults.sqlite_writer",
            url.path,
            str(worker),
            str(WRITES),
            stderr=asyncio.subprocess.PIPE,
        )
        for worker in range(WRITERS)
    ]
    results = [await asyncio.wait_for(p.communicate(), timeout=300) for p in processes]
    failures = [
        err.decode() for p, (_, err) in zip(processes, results, strict=True) if p.returncode
    ]
    assert failures == []
    async with open_database(url):
        updates = await AuditEvent.filter(action="task.updated").count()
        report = await audit.verify_chain()
    assert updates == WRITERS * WRITES
    assert report.ok, report
