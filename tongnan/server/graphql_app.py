"""The GraphQL endpoint: strawberry's ASGI view with bearer-token auth and a per-request context."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.changes import poll_external_changes
from tongnan.domain.common.clock import Clock
from tongnan.domain.common.database import is_unavailable
from tongnan.domain.directory.auth import AuthenticationFailed, authenticate
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.common.context import Context
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.schema.errors_masking import UNAVAILABLE
from tongnan.server.response_cache import ResponseCache


async def actor_from_header(header: str | None) -> Actor | None:
    """None without a header, else the token's actor; HTTP 401 for a bad or revoked token."""
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "Authorization must be 'Bearer <token>'")
    try:
        return await authenticate(token.strip())
    except AuthenticationFailed as exc:
        raise HTTPException(401, str(exc)) from None


class GraphQLEndpoint(GraphQL[Context, None]):
    def __init__(
        self,
        schema: BaseSchema,
        plans: PlanCache,
        *,
        production: bool,
        clock: Clock,
        warning_policy: WarningPolicy,
        response_cache_entries: int = 512,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
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
                request.headers.get("authorization", ""),
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

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        try:
            await poll_external_changes()
            actor = await actor_from_header(request.headers.get("authorization"))
        except HTTPException:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                raise HTTPException(503, UNAVAILABLE) from None
            raise
        return Context(
            actor=actor, plans=self.plans, clock=self.clock, warning_policy=self.warning_policy
        )
