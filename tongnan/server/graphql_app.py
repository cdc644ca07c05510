"""The GraphQL endpoint: strawberry's ASGI view with bearer-token auth and a per-request context."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from tongnan.domain.actor import Actor
from tongnan.domain.changes import poll_external_changes
from tongnan.domain.clock import Clock
from tongnan.domain.database import is_unavailable
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.bundle import PlanCache
from tongnan.schema.context import Context
from tongnan.schema.errors_masking import UNAVAILABLE
from tongnan.server.credentials import Refused, actor_of, token_of
from tongnan.server.response_cache import ResponseCache
from tongnan.server.ws_guard import TokenGuardedHandler

log = logging.getLogger(__name__)


async def caller(request: Request | WebSocket) -> Actor | None:
    """None when anonymous, else the token's actor; HTTP 401 for a bad or revoked token."""
    try:
        return await actor_of(request.headers)
    except Refused as refused:
        raise HTTPException(401, refused.message) from None


class GraphQLEndpoint(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = TokenGuardedHandler

    def __init__(
        self,
        schema: BaseSchema,
        plans: PlanCache,
        *,
        production: bool,
        clock: Clock,
        warning_policy: WarningPolicy,
        response_cache_entries: int = 512,
        allowed_origins: Sequence[str] = (),
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            # Origin of websocket upgrades: none (not a browser), the server's own host, or
            # one of TONGNAN_ALLOWED_ORIGINS; any other is refused before the handshake.
            allowed_origins=allowed_origins,
        )
        self.plans = plans
        self.clock = clock
        self.warning_policy = warning_policy
        self.results = ResponseCache(response_cache_entries)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        """Serve a query from the response cache when nothing it could show has changed."""
        key = None
        if isinstance(request_data, GraphQLRequestData):
            key = self.results.key(
                request_data.query,
                request_data.variables,
                request_data.operation_name,
                context.token or "",  # per caller: one caller's scoped answer is its own
                (self.plans.freshness, context.today()),
            )
        if key is not None and (cached := self.results.get(key)) is not None:
            return cached
        result = await super().execute_operation(
            request, request_adapter, request_data, context, root_value, sub_response
        )
        if key is not None and isinstance(result, ExecutionResult) and not result.errors:
            self.results.put(key, result, len(self.encode_json(result.data)))
        return result

    async def _websocket_caller(self, request: WebSocket) -> Actor | None:
        """A refused token does not fail the upgrade: the connection is closed (4403) when the
        client sends connection_init (``on_ws_connect``)."""
        try:
            return await actor_of(request.headers)
        except Refused as refused:
            log.info("websocket refused: %s", refused.detail)
            return None

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        if context.token is not None and context.actor is None:
            raise ConnectionRejectionError({"message": "访问令牌无效或已被吊销"})
        return await super().on_ws_connect(context)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        try:
            await poll_external_changes()
            if isinstance(request, WebSocket):
                actor = await self._websocket_caller(request)
            else:
                actor = await caller(request)
        except HTTPException:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                raise HTTPException(503, UNAVAILABLE) from None
            raise
        return Context(
            actor=actor,
            plans=self.plans,
            token=token_of(request.headers),
            clock=self.clock,
            warning_policy=self.warning_policy,
        )
