"""One use case, one transaction: commit or roll back together, then announce what changed."""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient, TransactionContext
from tortoise.transactions import in_transaction

from tongnan.domain.common.changes import Change, announce_in_transaction, committed, notice


async def _abandon(tx: TransactionContext, failure: BaseException) -> None:
    """Give back a connection whose BEGIN failed (the database went away).

    Tortoise's pooled transaction takes a connection from the pool before BEGIN and only gives
    it back on exit; when BEGIN raises there is no exit, so each failure would keep one
    connection and a pool would be used up after a few outages. Exit here, ignoring the failed
    rollback; only the release matters.
    """
    if getattr(tx, "token", None) is None:  # the pool had no connection to give: nothing held
        return
    with contextlib.suppress(Exception):
        await tx.__aexit__(type(failure), failure, failure.__traceback__)


async def take_sqlite_write_lock(connection: BaseDBAsyncClient) -> None:
    """Take SQLite's write lock first thing, waiting up to the busy timeout for it.

    A deferred transaction that reads first and writes later can fail at once with "database is
    locked" when another process writes meanwhile (SQLite will not wait there, to avoid a
    deadlock). Writing at the start (a no-op update) makes the transaction wait its turn instead,
    so concurrent writers from several processes queue up and none is lost.
    """
    await connection.execute_query("UPDATE alembic_version SET version_num = version_num")


class UnitOfWork:
    """``async with UnitOfWork() as uow: …; uow.changed("assignment", plan.id)``.

    The block runs in one transaction. Changes noted with :meth:`changed` are sent to other
    processes inside that transaction (so only a commit announces them) and published in this
    process after the commit.
    """

    def __init__(self) -> None:
        self._tx: TransactionContext | None = None
        self._changes: list[tuple[str, int | None, dict[str, Any] | None]] = []
        self._sent: list[Change] = []  # announced by a write of the block (``send_with``)

    def changed(
        self, kind: str, plan_id: int | None = None, data: dict[str, Any] | None = None
    ) -> None:
        """Note a change; ``data`` travels with it to subscribers (here and in other processes)."""
        if data is None and (kind, plan_id, None) in self._changes:
            return
        self._changes.append((kind, plan_id, data))

    def send_with(self, kind: str, plan_id: int | None, data: dict[str, Any]) -> Change:
        """A change announced by the block's last write itself (``audit.record(...,
        notice=…)`` sends the NOTIFY in its INSERT, one round trip less than a statement of
        its own); published in this process after the commit, as :meth:`changed`'s are. The
        write must be the block's last, so that no refusal comes between."""
        change = notice(kind, plan_id, data)
        self._sent.append(change)
        return change

    async def __aenter__(self) -> UnitOfWork:
        self._tx = in_transaction()
        try:
            connection = await self._tx.__aenter__()
        except BaseException as failure:
            await _abandon(self._tx, failure)
            raise
        if connection.capabilities.dialect == "sqlite":
            try:
                await take_sqlite_write_lock(connection)
            except BaseException as failure:
                await self._tx.__aexit__(type(failure), failure, failure.__traceback__)
                raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._tx is not None
        announced: list[Change] = list(self._sent)
        try:
            if exc_type is None:
                for kind, plan_id, data in self._changes:
                    announced.append(await announce_in_transaction(kind, plan_id, data))
        except BaseException as failure:
            await self._tx.__aexit__(type(failure), failure, failure.__traceback__)
            raise
        await self._tx.__aexit__(exc_type, exc, tb)
        if exc_type is None:
            for change in announced:
                committed(change)
