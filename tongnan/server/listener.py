"""Hearing other processes' writes: LISTEN on PostgreSQL, republished to this process's feed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from tongnan.domain.common.changes import CHANNEL, FEED, Change, ChangeFeed, parse_notification
from tongnan.domain.common.database import DatabaseUrl

log = logging.getLogger("tongnan.listener")
RETRY_SECONDS = 1.0


async def _listen_forever(url: DatabaseUrl, feed: ChangeFeed, ready: asyncio.Event) -> None:
    def on_notify(_conn: Any, _pid: int, _channel: str, payload: str) -> None:
        change = parse_notification(payload)
        if change is not None and change.pid != os.getpid():
            feed.publish(change)

    first = True
    while True:
        try:
            conn = await asyncpg.connect(url.asyncpg_dsn(), timeout=10)
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("change listener cannot connect (%s); retrying", exc)
            await asyncio.sleep(RETRY_SECONDS)
            continue
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn, lost=lost: lost.set())
        try:
            await conn.add_listener(CHANNEL, on_notify)
            if not first:  # notifications may have been missed while disconnected
                feed.publish(Change("reconnected"))
            first = False
            ready.set()
            await lost.wait()
            log.warning("change listener lost its connection; reconnecting")
        finally:
            with contextlib.suppress(Exception):
                await conn.close()


@contextlib.asynccontextmanager
async def listen_for_changes(url: DatabaseUrl, feed: ChangeFeed = FEED) -> AsyncIterator[None]:
    """On PostgreSQL, keep a LISTEN connection for the block's duration; nothing on SQLite."""
    if url.is_sqlite:
        yield
        return
    ready = asyncio.Event()
    task = asyncio.create_task(_listen_forever(url, feed, ready))
    try:
        await asyncio.wait_for(ready.wait(), timeout=15)
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
