"""The PostgreSQL pool serves waiting requests in the order they came, and never hands out more
connections than it holds, whatever is released twice, times out or is cancelled."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.pool import FairPool, create_fair_pool


async def _pool(url: DatabaseUrl, size: int) -> FairPool:
    return await create_fair_pool(url.asyncpg_dsn(), min_size=size, max_size=size)


async def test_waiters_are_served_in_arrival_order_and_a_late_acquire_cannot_jump_the_line(
    pg_db_url: DatabaseUrl,
) -> None:
    pool = await _pool(pg_db_url, 1)
    try:
        # Under load the loop's ready queue is long: a request that asks for a connection just
        # after one is released, before the first waiter has run, must still queue behind it.
        # Every moment of asking is tried, from at once to after the release has finished.
        for ticks in range(12):
            held = await pool.acquire()
            served: list[str] = []

            async def take(name: str, served: list[str] = served, ticks: int = 0) -> None:
                for _ in range(ticks):
                    await asyncio.sleep(0)
                connection = await pool.acquire()
                served.append(name)
                await pool.release(connection)

            waiters = [asyncio.create_task(take(name)) for name in ("第一个", "第二个")]
            await asyncio.sleep(0.01)  # both are waiting
            late = asyncio.create_task(take("后来的", ticks=ticks))
            await pool.release(held)
            await asyncio.gather(*waiters, late)
            assert served == ["第一个", "第二个", "后来的"], f"{ticks} ticks after the release"
    finally:
        pool.terminate()  # close() would wait for a connection a failed assertion left out


async def test_turns_are_given_back_exactly_once(pg_db_url: DatabaseUrl) -> None:
    pool = await _pool(pg_db_url, 2)
    try:
        first = await pool.acquire()
        await pool.release(first)
        await pool.release(first)  # released twice: asyncpg ignores it, and so do the turns
        one, two = await pool.acquire(), await pool.acquire()
        with pytest.raises(TimeoutError):  # both out: a third waits, and gives up
            await pool.acquire(timeout=0.05)
        waiting = asyncio.ensure_future(pool.acquire())
        await asyncio.sleep(0.01)
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        await pool.release(one)
        await pool.release(two)
        # neither the timeout nor the cancellation kept or added a turn: two at once, not three
        again = [await pool.acquire(), await pool.acquire()]
        with pytest.raises(TimeoutError):
            await pool.acquire(timeout=0.05)
        for connection in again:
            await pool.release(connection)
        async with pool.acquire() as connection:  # the context manager releases its turn too
            assert await connection.fetchval("SELECT 1") == 1
        async with pool.acquire(), pool.acquire():
            pass
    finally:
        pool.terminate()  # close() would wait for a connection a failed assertion left out


async def test_the_server_runs_on_it(pg_db_url: DatabaseUrl) -> None:
    from tortoise import connections

    from tongnan.domain.common.runtime import open_database

    async with open_database(pg_db_url):
        client = connections.get("default")
        assert await client.execute_query_dict("SELECT 1 AS one") == [{"one": 1}]
        assert isinstance(client._pool, FairPool)
