"""Running the audit sealer: one leader per database seals every interval.

On PostgreSQL the leader is whichever process (a server process or ``tongnan worker``) holds a
session advisory lock on a connection of its own; the others wait and take over if it goes. On
SQLite the serving process is the single writer and seals itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import asyncpg

from tongnan.domain.common.audit_seal import SealerState, load_state, seal_once
from tongnan.domain.common.clock import Clock
from tongnan.domain.common.database import DatabaseUrl

log = logging.getLogger("tongnan.audit")
SEALER_LOCK = 0x7365616C  # pg_try_advisory_lock key: "seal"


async def _seal_forever(
    key: bytes, clock: Clock, interval: float, alive: asyncpg.Connection | None
) -> None:
    """Seal every ``interval`` seconds while ``alive`` (the lock's connection) stays open."""
    state: SealerState | None = None
    while alive is None or not alive.is_closed():
        await asyncio.sleep(interval)
        if alive is not None:  # still holding the lock? (a dead connection has released it)
            try:
                await alive.fetchval("SELECT 1", timeout=10)
            except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                return
        try:
            if state is None:
                state = await load_state(clock.now())
            while await seal_once(state, key, clock.now()) is not None:
                pass  # more than one batch waiting: keep going
        except Exception:
            log.exception("audit sealing failed; retrying")
            state = None


async def _lead(url: DatabaseUrl, key: bytes, clock: Clock, interval: float) -> None:
    retry = min(max(interval * 5, 0.05), 5.0)
    while True:
        try:
            conn = await asyncpg.connect(url.asyncpg_dsn(), timeout=10)
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("audit sealer cannot connect (%s); retrying", exc)
            await asyncio.sleep(retry)
            continue
        try:
            if await conn.fetchval("SELECT pg_try_advisory_lock($1)", SEALER_LOCK):
                log.info("this process seals the audit trail")
                await _seal_forever(key, clock, interval, conn)
                log.warning("audit sealer lost its lock connection; standing by")
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("audit sealer connection failed (%s); standing by", exc)
        finally:
            with contextlib.suppress(Exception):
                await conn.close()
        await asyncio.sleep(retry)


@contextlib.asynccontextmanager
async def run_sealer(
    url: DatabaseUrl, key: bytes, clock: Clock, interval: float
) -> AsyncIterator[None]:
    """Seal in the background for the block's duration (the models must be bound already)."""
    if url.is_sqlite:
        work = _seal_forever(key, clock, interval, None)
    else:
        work = _lead(url, key, clock, interval)
    task = asyncio.create_task(work)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
