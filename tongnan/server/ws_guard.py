"""Websocket connections stay bound to a valid token: the connection's token is checked again on
every subscribe and whenever tokens may have changed (a ``token`` change on the feed, which on
PostgreSQL also carries other processes' revocations; on SQLite a periodic look for writes by
other processes). A revoked token closes the connection with code 4403, ending every
subscription opened on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from tongnan.domain.common.changes import FEED, Change, poll_external_changes
from tongnan.domain.directory.auth import FORGET_ON, AuthenticationFailed, authenticate
from tongnan.schema.common.context import Context

log = logging.getLogger(__name__)
REVOKED = 4403
RECHECK_SECONDS = 5.0  # also look without a change heard (SQLite has no NOTIFY)


class TokenGuardedHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, closing the connection once its token no longer authenticates."""

    async def handle(self) -> None:
        if self.context.token is None:  # anonymous: nothing to revoke
            await super().handle()
            return
        changed = asyncio.Event()

        def heard(change: Change) -> None:
            if change.kind in FORGET_ON:
                changed.set()

        unsubscribe = FEED.subscribe(heard)
        watch = asyncio.create_task(self._watch(changed))
        try:
            await super().handle()
        finally:
            unsubscribe()
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.context.token is not None and not await self._still_valid():
            await self._close()
            return
        await super().handle_subscribe(message)

    async def _watch(self, changed: asyncio.Event) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), RECHECK_SECONDS)
            changed.clear()
            if not await self._still_valid():
                await self._close()
                return

    async def _still_valid(self) -> bool:
        token = self.context.token
        if token is None:
            return True
        try:
            await poll_external_changes()  # SQLite: a revocation by another process
            await authenticate(token)
        except AuthenticationFailed:
            return False
        except Exception:  # the database is away: keep the connection, decide next time
            log.warning("websocket token check failed", exc_info=True)
        return True

    async def _close(self) -> None:
        log.info("closing a websocket: its API token no longer authenticates")
        with contextlib.suppress(Exception):
            await self.websocket.close(code=REVOKED, reason="API token revoked")
