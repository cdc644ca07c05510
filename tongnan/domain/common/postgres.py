"""Statements on the connection of the current transaction, for hot write paths on PostgreSQL.

Inside a ``UnitOfWork`` on PostgreSQL, Tortoise holds one asyncpg connection for the whole
transaction. :func:`transaction_connection` hands that connection out, so a use case can send
its own SQL in the same transaction: asyncpg prepares each statement text once per connection
(its statement cache) and later runs only Bind/Execute, and no query is built per call. Outside
a transaction, or on SQLite, it gives ``None`` and the caller uses the ORM.

Errors keep the meaning the ORM gives them: a broken unique or foreign key is Tortoise's
``IntegrityError`` (callers that retry on it keep working); other driver errors pass as they
are (``storage_refusals`` reads their SQLSTATE).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import asyncpg
from asyncpg.pool import PoolConnectionProxy
from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.exceptions import IntegrityError


class Statements(Protocol):
    """What the hot paths ask of the connection (asyncpg's own methods)."""

    async def fetchrow(self, query: str, *args: Any) -> Any: ...

    async def fetch(self, query: str, *args: Any) -> Sequence[Any]: ...

    async def fetchval(self, query: str, *args: Any) -> Any: ...

    async def execute(self, query: str, *args: Any) -> str: ...


def transaction_connection() -> Statements | None:
    """The asyncpg connection of the transaction in progress on PostgreSQL, else ``None``."""
    client = connections.get("default")
    if client.capabilities.dialect != "postgres" or not isinstance(client, TransactionalDBClient):
        return None
    raw = getattr(client, "_connection", None)
    if isinstance(raw, asyncpg.Connection | PoolConnectionProxy):
        return raw  # type: ignore[no-any-return]
    return None


@contextlib.contextmanager
def as_orm_errors() -> Iterator[None]:
    """Raise a violated constraint as Tortoise's ``IntegrityError``, as an ORM write would."""
    try:
        yield
    except asyncpg.IntegrityConstraintViolationError as exc:
        raise IntegrityError(exc) from exc
