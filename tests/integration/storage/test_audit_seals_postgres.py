"""Sealing on PostgreSQL, where transactions commit out of id order and several server processes
compete to be the one sealer."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json

import asyncpg

from tests.integration.storage.test_audit_seals import CLERK, KEY, NOW, WITHIN, _sealed_ids, _until
from tongnan.domain.common import audit
from tongnan.domain.common.audit_seal import load_state, seal_once
from tongnan.domain.common.audit_verify import verify_trail
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import AuditEvent
from tongnan.server.audit_sealer import run_sealer


async def _begin_late_event(
    url: DatabaseUrl,
) -> tuple[asyncpg.Connection, asyncpg.Transaction, int]:
    """Insert an event in a transaction left open: its id is taken now, its commit comes later."""
    conn = await asyncpg.connect(url.asyncpg_dsn())
    tx = conn.transaction()
    await tx.start()
    salt = "ab" * 16
    digest = audit.event_hash(
        "", NOW, CLERK.name, None, "task.updated", "Task", "late", None, None, salt
    )
    event_id = await conn.fetchval(
        """INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id,
           prev_hash, hash, salt) VALUES ($1, $2, 'task.updated', 'Task', 'late', '', $3, $4)
           RETURNING id""",
        NOW,
        CLERK.name,
        digest,
        salt,
    )
    return conn, tx, int(event_id)


async def test_an_event_that_commits_late_is_sealed_in_a_later_seal(pg_db_url: DatabaseUrl) -> None:
    async with open_database(pg_db_url):
        state = await load_state(NOW)
        conn, tx, late_id = await _begin_late_event(pg_db_url)
        try:
            after = await audit.record(CLERK, "task.updated", "Task", "after", now=NOW)
            assert after.id > late_id
            first = await seal_once(state, KEY, NOW)
            assert first is not None and json.loads(first.event_ranges) == [[after.id, after.id]]
            assert late_id in state.gaps
            assert late_id in (await load_state(NOW)).gaps  # a restarted sealer knows it too
            await tx.commit()
        finally:
            await conn.close()
        second = await seal_once(state, KEY, NOW)
        assert second is not None and json.loads(second.event_ranges) == [[late_id, late_id]]
        assert sorted(await _sealed_ids()) == sorted([after.id, late_id])
        assert await seal_once(state, KEY, NOW) is None
        assert (await verify_trail(KEY, NOW, WITHIN)).ok


async def test_two_server_processes_one_sealer(pg_db_url: DatabaseUrl) -> None:
    clock = FixedClock(NOW)
    async with open_database(pg_db_url):
        async with (
            run_sealer(pg_db_url, KEY, clock, interval=0.01),
            run_sealer(pg_db_url, KEY, clock, interval=0.01),
        ):

            async def burst(n: int) -> None:
                for i in range(20):
                    await audit.record(CLERK, "task.updated", "Task", f"{n}/{i}", now=NOW)

            await asyncio.gather(*(burst(n) for n in range(5)))
            await _until(lambda: _all_sealed())
        ids = await _sealed_ids()
        assert len(ids) == len(set(ids)) == 100
        assert (await verify_trail(KEY, NOW + dt.timedelta(minutes=1), WITHIN)).ok


async def _all_sealed() -> bool:
    return len(await _sealed_ids()) >= await AuditEvent.all().count()


async def test_when_the_sealing_process_stops_another_takes_over(pg_db_url: DatabaseUrl) -> None:
    clock = FixedClock(NOW)
    async with open_database(pg_db_url), contextlib.AsyncExitStack() as first:
        await first.enter_async_context(run_sealer(pg_db_url, KEY, clock, interval=0.01))
        await audit.record(CLERK, "task.updated", "Task", "first", now=NOW)
        await _until(lambda: _all_sealed())  # the first one alone: it leads
        async with run_sealer(pg_db_url, KEY, clock, interval=0.01):
            await first.aclose()  # the leader stops; its lock goes with its connection
            for n in range(3):
                await audit.record(CLERK, "task.updated", "Task", f"later/{n}", now=NOW)
            await _until(lambda: _all_sealed())
        assert len(await _sealed_ids()) == 4
        assert (await verify_trail(KEY, NOW, WITHIN)).ok
