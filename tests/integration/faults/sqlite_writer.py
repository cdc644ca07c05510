"""A separate writer process for the SQLite concurrency test: N audited writes, then exit."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role
from tongnan.domain.models import Task
from tongnan.domain.plans.assignments import set_task_due_date


async def main(path: str, worker: int, writes: int) -> None:
    actor = Actor(name=f"writer-{worker}", role=Role.OFFICE_ADMIN)
    async with open_database(DatabaseUrl(backend="sqlite", path=path)):
        for i in range(writes):
            task = 1 + (worker * writes + i) % 22
            due = dt.date(2025, 1, 1) + dt.timedelta(days=worker * 1000 + i)
            while True:  # as a client does: read the version, write, re-read on a conflict
                version = (await Task.get(number=task)).version
                try:
                    await set_task_due_date(actor, task, due, expected_version=version)
                    break
                except Conflict:
                    continue


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
