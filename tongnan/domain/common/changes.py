"""Change announcements: every committed write bumps a generation that read caches compare against.

In one process the bump is immediate. Across processes on PostgreSQL the write also sends
``NOTIFY tongnan_changes`` inside its transaction (delivered on commit); each server process
listens (``tongnan.server.listener``) and bumps its own generation. SQLite has one process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections

CHANNEL = "tongnan_changes"


@dataclass(frozen=True, slots=True)
class Change:
    """What changed: a kind (e.g. ``assignment``) and the plan it touched, if any."""

    kind: str
    plan_id: int | None = None
    pid: int = 0
    data: dict[str, Any] = field(default_factory=dict)


class ChangeFeed:
    """A process-wide generation counter with listeners (read caches, subscriptions)."""

    def __init__(self) -> None:
        self.generation = 0
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        self.generation += 1
        for listener in list(self._listeners):
            listener(change)


FEED = ChangeFeed()


def notice(kind: str, plan_id: int | None = None, data: dict[str, Any] | None = None) -> Change:
    """The change this process announces (its pid: the listener skips its own)."""
    return Change(kind, plan_id, os.getpid(), data or {})


def notice_payload(change: Change) -> str:
    """The NOTIFY payload of ``change`` (``parse_notification`` reads it back)."""
    return json.dumps(
        {"kind": change.kind, "plan_id": change.plan_id, "pid": change.pid, "data": change.data},
        ensure_ascii=False,
        default=str,
    )


async def announce_in_transaction(
    kind: str, plan_id: int | None = None, data: dict[str, Any] | None = None
) -> Change:
    """Call inside the write's transaction: other processes hear of it only if it commits."""
    change = notice(kind, plan_id, data)
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, notice_payload(change)])
    return change


def committed(change: Change) -> None:
    """Call after the transaction committed: this process's caches forget what they held."""
    FEED.publish(change)


def parse_notification(payload: str) -> Change | None:
    try:
        data = json.loads(payload)
        extra = data.get("data") or {}
        return Change(
            str(data["kind"]),
            data.get("plan_id"),
            int(data.get("pid", 0)),
            extra if isinstance(extra, dict) else {},
        )
    except (ValueError, KeyError, TypeError):
        return None


class _SqliteWatch:
    """SQLite has no NOTIFY; ``PRAGMA data_version`` moves when another connection commits."""

    def __init__(self) -> None:
        self.seen: int | None = None

    async def poll(self, feed: ChangeFeed) -> None:
        conn = connections.get("default")
        if conn.capabilities.dialect != "sqlite":
            return
        _, rows = await conn.execute_query("PRAGMA data_version")
        version = int(next(iter(dict(rows[0]).values())))
        if self.seen is not None and version != self.seen:
            feed.publish(Change("external"))
        self.seen = version


_SQLITE_WATCH = _SqliteWatch()


async def poll_external_changes(feed: ChangeFeed = FEED) -> None:
    """Before serving a request: on SQLite, notice writes made by other processes (the CLI)."""
    await _SQLITE_WATCH.poll(feed)
