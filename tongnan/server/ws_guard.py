"""Websocket connections stay bound to valid credentials: the connection's token or session is
checked again on every subscribe and whenever tokens or sessions may have changed (a ``token``
or ``session`` change on the feed, which on PostgreSQL also carries other processes' changes; on
SQLite a periodic look for writes by other processes). A revoked token, or a session that is
ended (sign-out everywhere, a disabled account, a reset password) or expired, closes the
connection with code 4403, ending every subscription opened on it. In production a connection
signed in by a session cookie may subscribe with the web build's trusted documents only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from tongnan.domain.common.changes import FEED, Change, poll_external_changes
from tongnan.domain.directory.auth import FORGET_ON
from tongnan.schema.common.context import Context

if TYPE_CHECKING:
    from tongnan.server.graphql_app import GraphQLEndpoint

log = logging.getLogger(__name__)
REVOKED = 4403
UNTRUSTED = 4400
RECHECK_SECONDS = 5.0  # also look without a change heard (SQLite has no NOTIFY)


class TokenGuardedHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, closing the connection once its credentials no longer hold."""

    async def handle(self) -> None:
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

    def _endpoint(self) -> GraphQLEndpoint:
        return self.view  # type: ignore[return-value]

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self._signed_in() and not await self._still_valid():
            await self._close()
            return
        payload = message.get("payload") or {}
        query = payload.get("query") if isinstance(payload, dict) else None
        endpoint = self._endpoint()
        if (
            endpoint.production
            and self.context.session_secret is not None
            and self.context.token is None
            and not (isinstance(query, str) and endpoint.trusted.trusts(query))
        ):
            with contextlib.suppress(Exception):
                await self.websocket.close(code=UNTRUSTED, reason="untrusted document")
            return
        await super().handle_subscribe(message)

    def _signed_in(self) -> bool:
        return self.context.token is not None or self.context.session_secret is not None

    async def _watch(self, changed: asyncio.Event) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), RECHECK_SECONDS)
            changed.clear()
            if self._signed_in() and not await self._still_valid():
                await self._close()
                return

    async def _still_valid(self) -> bool:
        try:
            await poll_external_changes()  # SQLite: a revocation by another process
            return await self._endpoint().credentials.still_valid(
                self.context.token, self.context.session_secret
            )
        except Exception:  # the database is away: keep the connection, decide next time
            log.warning("websocket credentials check failed", exc_info=True)
        return True

    async def _close(self) -> None:
        log.info("closing a websocket: its token or session no longer authenticates")
        with contextlib.suppress(Exception):
            await self.websocket.close(code=REVOKED, reason="credentials revoked or expired")
