"""The GraphQL endpoint: strawberry's ASGI view with bearer-token auth and a per-request context."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from tongnan.domain.actor import Actor
from tongnan.domain.changes import poll_external_changes
from tongnan.domain.clock import Clock
from tongnan.domain.database import is_unavailable
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.domain.services.auth import AuthenticationFailed, authenticate
from tongnan.schema.bundle import PlanCache
from tongnan.schema.common.budget import Caller, CostBudget
from tongnan.schema.context import Context
from tongnan.schema.cost import RATE_LIMITED
from tongnan.schema.errors_masking import UNAVAILABLE
from tongnan.server.client_address import Network, client_address
from tongnan.server.response_cache import ResponseCache

log = logging.getLogger("tongnan.limits")

RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"


def too_large(limit: int) -> bytes:
    """The body sent instead of an answer over ``limit`` bytes."""
    message = f"查询结果过大(超过 {limit} 字节),请减少查询的字段或层级,或用 first 分页查询。"
    error = {"message": message, "extensions": {"code": RESPONSE_TOO_LARGE, "limit": limit}}
    return json.dumps({"data": None, "errors": [error]}).encode()


def retry_after(result: ExecutionResult) -> int | None:
    """Seconds to wait when the caller's budget refused the operation, else None."""
    for error in result.errors or ():
        extensions = error.extensions or {}
        if extensions.get("code") == RATE_LIMITED:
            return int(extensions["retryAfter"])
    return None


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
        budget: CostBudget | None = None,
        trusted_proxies: Sequence[Network] = (),
        max_response_bytes: int = 0,
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
        self.budget = budget
        self.trusted_proxies = tuple(trusted_proxies)
        self.max_response_bytes = max_response_bytes

    def caller(self, request: Request | WebSocket, actor: Actor | None) -> Caller | None:
        """Who pays: a signed-in user by name, anyone else by address (None: no budget)."""
        if self.budget is None:
            return None
        if actor is not None:
            return Caller(f"user:{actor.name}", self.budget)
        peer = request.client.host if request.client is not None else None
        address = client_address(peer, request.headers.get("x-forwarded-for"), self.trusted_proxies)
        return Caller(f"address:{address}", self.budget)

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
        if isinstance(result, ExecutionResult) and (seconds := retry_after(result)) is not None:
            sub_response.status_code = 429
            sub_response.headers["Retry-After"] = str(seconds)
        return result

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """The answer, or an error in its place when its JSON is over ``max_response_bytes``
        (measured on the encoded body itself: no second encoding)."""
        response = super().create_response(response_data, sub_response)
        size = len(response.body)
        if self.max_response_bytes and size > self.max_response_bytes:
            log.warning("response of %d bytes over the limit of %d", size, self.max_response_bytes)
            response.body = too_large(self.max_response_bytes)
            response.headers["content-length"] = str(len(response.body))
        return response

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
            actor=actor,
            plans=self.plans,
            clock=self.clock,
            warning_policy=self.warning_policy,
            caller=self.caller(request, actor),
        )
