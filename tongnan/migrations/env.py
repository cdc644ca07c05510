"""Alembic environment: runs the revisions over asyncpg or aiosqlite.

Runs its own event loop with ``asyncio.run``: call it before a loop starts (``tongnan migrate``)
or from a worker thread (``tongnan.domain.common.migrate.upgrade_async``), never inside a running
loop.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from tongnan.domain.common.database import DatabaseUrl

DEFAULT_URL = "sqlite:///var/tongnan.db"


def _database_url() -> DatabaseUrl:
    configured = context.config.attributes.get("database_url")
    if isinstance(configured, DatabaseUrl):
        return configured
    return DatabaseUrl.parse(os.environ.get("TONGNAN_DATABASE_URL", DEFAULT_URL))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=None,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: DatabaseUrl) -> None:
    url.ensure_parent_dir()
    engine = create_async_engine(url.sqlalchemy_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("不支持离线（--sql）迁移，请运行 tongnan migrate")
asyncio.run(_run_async(_database_url()))
