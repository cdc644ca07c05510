"""Running alembic from code: upgrade a database to the newest revision."""

from __future__ import annotations

import asyncio
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from tongnan.domain.database import DatabaseUrl


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
    head = ScriptDirectory.from_config(alembic_config(DatabaseUrl("sqlite", path=":memory:"))).get_current_head()
    assert head is not None
    return head


__all__ = ["MigrationContext", "alembic_config", "head_revision", "upgrade", "upgrade_async"]
