"""The GraphQL endpoint: strawberry's ASGI view with bearer-token auth and a per-request context."""

from __future__ import annotations

from datetime import timedelta

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from tongnan.domain.actor import Actor
from tongnan.domain.changes import poll_external_changes
from tongnan.domain.clock import Clock
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.domain.services.auth import AuthenticationFailed, authenticate
from tongnan.schema.bundle import PlanCache
from tongnan.schema.context import Context


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

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        await poll_external_changes()
        actor = await actor_from_header(request.headers.get("authorization"))
        return Context(
            actor=actor, plans=self.plans, clock=self.clock, warning_policy=self.warning_policy
        )
