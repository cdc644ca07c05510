"""Counting database round trips as they leave the process: every write to a PostgreSQL socket.

asyncpg sends each operation (a simple query; Parse+Describe+Sync of a new statement;
Bind+Execute+Sync of a prepared one; a pool's reset query) as one write and then waits for the
server's answer, so the writes counted between two points are the round trips made between
them, whoever made them (Tortoise, raw SQL, the pool). ``describe`` names each one for messages.
"""

from __future__ import annotations

import asyncio.selector_events
import contextlib
import struct
from collections.abc import Iterator
from typing import Any

from asyncpg.connection import Connection
from asyncpg.protocol.protocol import BaseProtocol

_Transport: Any = vars(asyncio.selector_events)["_SelectorSocketTransport"]


def describe(data: bytes, query: str = "") -> str:
    """The frontend messages of one write, e.g. ``Q BEGIN;`` or ``B+E+S SELECT …``."""
    kinds: list[str] = []
    text = query
    at = 0
    while at + 5 <= len(data):
        kind = chr(data[at])
        (length,) = struct.unpack("!i", data[at + 1 : at + 5])
        body = data[at + 5 : at + 1 + length]
        kinds.append(kind)
        if kind == "Q" and not text:
            text = body.rstrip(b"\0").decode(errors="replace")
        elif kind == "P" and not text:
            _name, _, rest = body.partition(b"\0")
            text = rest.partition(b"\0")[0].decode(errors="replace")
        at += 1 + length
    return "+".join(kinds) + (" " + " ".join(text.split())[:160] if text else "")


@contextlib.contextmanager
def postgres_round_trips() -> Iterator[list[str]]:
    """``with postgres_round_trips() as trips: …``: ``trips`` lists each write to PostgreSQL."""
    trips: list[str] = []
    query = [""]  # the statement asyncpg is running: names the Bind of a prepared one
    original_write = _Transport.write
    original_execute = Connection._do_execute

    def write(self: Any, data: Any) -> None:
        if isinstance(getattr(self, "_protocol", None), BaseProtocol):
            trips.append(describe(bytes(data), query[0]))
            query[0] = ""
        original_write(self, data)

    async def do_execute(self: Connection, sql: str, *args: Any, **kwargs: Any) -> Any:
        query[0] = sql
        return await original_execute(self, sql, *args, **kwargs)

    _Transport.write = write
    Connection._do_execute = do_execute
    try:
        yield trips
    finally:
        _Transport.write = original_write
        Connection._do_execute = original_execute
