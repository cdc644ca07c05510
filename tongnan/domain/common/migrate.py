"""Running alembic from code: upgrade a database to the newest revision."""

from __future__ import annotations

import asyncio
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from tongnan.domain.common.database import DatabaseUrl


def alembic_config(url: DatabaseUrl) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("tongnan") / "migrations"))
    config.attributes["database_url"] = url
    return config


def upgrade(url: DatabaseUrl, revision: str = "head") -> None:
    """Migrate synchronously. Starts its own event loop: never call it inside a running loop."""
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: DatabaseUrl, revision: str = "head") -> None:
    """Migrate from async code: alembic runs in a worker thread with its own loop."""
    await asyncio.to_thread(upgrade, url, revision)


def head_revision() -> str:
    head = ScriptDirectory.from_config(
        alembic_config(DatabaseUrl("sqlite", path=":memory:"))
    ).get_current_head()
    assert head is not None
    return head


__all__ = [
    "NotMigrated",
    "alembic_config",
    "check_migrated",
    "head_revision",
    "upgrade",
    "upgrade_async",
]


class NotMigrated(RuntimeError):
    """The database is missing tables or is behind the code's newest revision."""


async def check_migrated() -> None:
    """Refuse to run on a database that ``tongnan migrate`` has not brought up to date."""
    from tortoise import connections  # local: only needed once the models are bound

    conn = connections.get("default")
    try:
        _, rows = await conn.execute_query("SELECT version_num FROM alembic_version")
    except Exception as exc:
        if "alembic_version" not in str(exc):
            raise
        raise NotMigrated("数据库还没有建表，请先运行 tongnan migrate") from None
    current = {row["version_num"] for row in rows}
    head = head_revision()
    if head not in current:
        raise NotMigrated(
            f"数据库结构是 {'、'.join(sorted(current)) or '空'} 版，程序需要 {head} 版，"
            "请先运行 tongnan migrate"
        )
