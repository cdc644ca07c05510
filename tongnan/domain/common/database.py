"""Database URLs: ``TONGNAN_DATABASE_URL`` for Tortoise (runtime) and SQLAlchemy (alembic).

Accepted forms: ``sqlite:///absolute/path.db``, ``sqlite://relative/path.db``, ``sqlite://:memory:``,
``postgres://user:password@host:port/database`` (also ``postgresql://`` and ``asyncpg://``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

MODELS_MODULE = "tongnan.domain.models"
SQLITE_BUSY_TIMEOUT_MS = 10_000


async def keep_session(connection: Any) -> None:
    """A pooled connection's reset: nothing to send.

    asyncpg's default reset runs ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL`` on every release, one round trip per query outside a transaction and per
    transaction. The server never leaves session state on pooled connections (advisory locks
    and LISTEN live on connections of their own: the audit sealer, the change listener; no
    session ``SET``; cursors only inside transactions), and asyncpg still rolls back a
    transaction left open before calling this.
    """


class DatabaseUrlError(ValueError):
    """The database URL cannot be understood."""


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed database URL: either an SQLite file or a PostgreSQL server."""

    backend: str  # "sqlite" or "postgres"
    path: str = ""  # sqlite file path (":memory:" allowed)
    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"
    password: str = ""
    database: str = ""

    @classmethod
    def parse(cls, url: str) -> DatabaseUrl:
        scheme, sep, rest = url.partition("://")
        if not sep:
            raise DatabaseUrlError(f"数据库地址“{url}”缺少类型，应以 sqlite:// 或 postgres:// 开头")
        scheme = scheme.lower()
        if scheme == "sqlite":
            if not rest:
                raise DatabaseUrlError(
                    "SQLite 数据库地址缺少文件路径，例如 sqlite:///var/tongnan.db"
                )
            return cls(backend="sqlite", path=rest)
        if scheme in {"postgres", "postgresql", "asyncpg", "postgresql+asyncpg"}:
            parts = urlsplit("postgres://" + rest)
            database = parts.path.lstrip("/")
            if not database:
                raise DatabaseUrlError(f"PostgreSQL 数据库地址“{url}”没有写数据库名")
            return cls(
                backend="postgres",
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=unquote(parts.username or "postgres"),
                password=unquote(parts.password or ""),
                database=unquote(database),
            )
        raise DatabaseUrlError(f"不支持“{scheme}”类型的数据库地址，请用 sqlite:// 或 postgres://")

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    def with_database(self, database: str) -> DatabaseUrl:
        """The same server, another database (PostgreSQL) or file (SQLite)."""
        if self.is_sqlite:
            return DatabaseUrl(backend="sqlite", path=database)
        return DatabaseUrl(
            backend="postgres",
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            database=database,
        )

    def ensure_parent_dir(self) -> None:
        """Create the folder of an SQLite file so a fresh checkout runs without set-up."""
        if self.is_sqlite and self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)

    def _userinfo(self) -> str:
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        return auth

    def asyncpg_dsn(self) -> str:
        database = quote(self.database, safe="")
        return f"postgresql://{self._userinfo()}@{self.host}:{self.port}/{database}"

    def sqlalchemy_url(self) -> str:
        if self.is_sqlite:
            return f"sqlite+aiosqlite:///{self.path}"
        return (
            f"postgresql+asyncpg://{self._userinfo()}@{self.host}:{self.port}/"
            f"{quote(self.database, safe='')}"
        )

    def tortoise_connection(self) -> dict[str, Any]:
        if self.is_sqlite:
            return {
                "engine": "tortoise.backends.sqlite",
                "credentials": {
                    "file_path": self.path,
                    "journal_mode": "WAL",
                    "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
                    "foreign_keys": "ON",
                    "synchronous": "NORMAL",
                },
            }
        return {
            "engine": "tongnan.domain.common.pool",  # asyncpg, waiters served in turn
            "credentials": {
                "host": self.host,
                "port": self.port,
                "user": self.user,
                "password": self.password,
                "database": self.database,
                "minsize": 1,
                "maxsize": 10,
                "timeout": 5,  # connecting: fail fast while the server is down
                "command_timeout": 30,
                "reset": keep_session,
            },
        }

    def tortoise_config(self) -> dict[str, Any]:
        return {
            "connections": {"default": self.tortoise_connection()},
            "apps": {"models": {"models": [MODELS_MODULE], "default_connection": "default"}},
            "use_tz": True,
            "timezone": "UTC",
        }

    def redacted(self) -> str:
        if self.is_sqlite:
            return f"sqlite://{self.path}"
        return f"postgres://{self.user}@{self.host}:{self.port}/{self.database}"


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached right now:
    refused or dropped connections, a server shutting down or starting, a timeout, a locked
    SQLite file. Such a request can be retried; it is not a bug."""
    import sqlite3

    import asyncpg
    from tortoise.exceptions import DBConnectionError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBConnectionError | ConnectionError | TimeoutError):
            return True
        if isinstance(current, asyncpg.PostgresConnectionError | asyncpg.InterfaceError):
            return True
        if isinstance(current, asyncpg.PostgresError) and getattr(current, "sqlstate", "") in {
            "57P01",
            "57P02",
            "57P03",  # admin_shutdown, crash_shutdown, cannot_connect_now
        }:
            return True
        if isinstance(current, sqlite3.OperationalError) and "locked" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False
