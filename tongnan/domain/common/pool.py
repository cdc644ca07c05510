"""The PostgreSQL connection pool: connections handed out first come, first served.

asyncpg's pool hands out connections through an ``asyncio.Queue``: a request that arrives
while a released connection is on its way to the first waiter takes it (barging), and the
waiter, finding nothing, goes back to the end of the line. Under load (a reporting round: more
requests than connections) some requests lose their turn again and again: the median stays low
while one request in a hundred waits four or five times as long. Here each acquire first
waits its turn at a semaphore as large as the pool (asyncio's hands a released turn straight to
the longest waiter), so whoever holds a turn finds a connection free. The Tortoise engine of
``DatabaseUrl.tortoise_connection`` on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient

# asyncpg.create_pool's defaults, which its Pool's constructor does not have
_POOL_DEFAULTS = {
    name: parameter.default
    for name, parameter in inspect.signature(asyncpg.create_pool).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
}


class FairPool(asyncpg.Pool):  # type: ignore[misc]  # asyncpg has no type information
    """An asyncpg pool whose waiting acquirers are served in the order they came."""

    __slots__ = ("_turns",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turns = asyncio.Semaphore(self._maxsize)

    async def _acquire(self, timeout: float | None) -> Any:  # noqa: ASYNC109 (asyncpg's own)
        if timeout is None:
            await self._turns.acquire()
        else:
            await asyncio.wait_for(self._turns.acquire(), timeout)
        try:
            return await super()._acquire(timeout)
        except BaseException:
            self._turns.release()
            raise

    async def release(
        self,
        connection: Any,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 (asyncpg's signature)
    ) -> None:
        holder = getattr(connection, "_holder", None)
        held = getattr(connection, "_con", None) is not None and (
            getattr(holder, "_pool", None) is self
        )  # a connection released twice, or another pool's, gives back no turn
        try:
            await super().release(connection, timeout=timeout)
        finally:
            if held:
                self._turns.release()


async def create_fair_pool(dsn: str | None = None, **kwargs: Any) -> FairPool:
    """``asyncpg.create_pool`` for a :class:`FairPool`."""
    pool = FairPool(dsn, **{**_POOL_DEFAULTS, **kwargs})
    await pool
    return pool


class FairAsyncpgClient(AsyncpgDBClient):
    """Tortoise's asyncpg client on a :class:`FairPool`."""

    async def create_pool(self, **kwargs: Any) -> asyncpg.Pool:
        return await create_fair_pool(None, **kwargs)


client_class = FairAsyncpgClient  # read by Tortoise from the engine module
