"""Opening and closing the Tortoise connection for one database URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext

from tongnan.domain.common.database import DatabaseUrl


@asynccontextmanager
async def open_database(url: DatabaseUrl, *, global_fallback: bool = False) -> AsyncIterator[None]:
    """Bind the models to ``url`` for the duration of the block.

    ``global_fallback`` makes the connection visible to other tasks (an ASGI app's requests run
    in tasks other than its lifespan).
    """
    url.ensure_parent_dir()
    # Tortoise caches compiled SQL per connection name and table, not per dialect: forget it so
    # one process may open SQLite and PostgreSQL in turn (the tests and the drift check do).
    EXECUTOR_CACHE.clear()
    async with TortoiseContext() as ctx:
        await ctx.init(config=url.tortoise_config(), _enable_global_fallback=global_fallback)
        yield
