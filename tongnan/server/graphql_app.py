"""The GraphQL endpoint: strawberry's ASGI view with the caller read by ``credentials`` (bearer
token or session cookie; on websockets also connection_init's payload) and a per-request context;
the request body checked before use (``request_body``), a ``documentId`` resolved from the trusted
documents (``trusted_documents``), and the response's media type chosen by the caller's Accept
header (``media_types``)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.changes import poll_external_changes
from tongnan.domain.common.clock import Clock
from tongnan.domain.common.database import is_unavailable
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.domain.supervision.sheet_limits import SheetLimits
from tongnan.schema.common.budget import Caller, CostBudget
from tongnan.schema.common.context import AuditVerifying, Context
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.schema.cost import RATE_LIMITED
from tongnan.schema.errors_masking import UNAVAILABLE
from tongnan.schema.notifications.queries import ROOT_FIELDS as NOTIFICATION_FIELDS
from tongnan.server.client_address import Network, client_address
from tongnan.server.credentials import Credentials, Identity, Refused
from tongnan.server.json_body import encode
from tongnan.server.media_types import GRAPHQL_RESPONSE, is_request_error, prefers_graphql_response
from tongnan.server.request_body import parse_request_body
from tongnan.server.response_cache import ResponseCache, names_any
from tongnan.server.trusted_documents import UNTRUSTED, DocumentRefused, TrustedDocuments
from tongnan.server.ws_guard import TokenGuardedHandler

log = logging.getLogger("tongnan.limits")

RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"


def too_large(limit: int) -> bytes:
    """The body sent instead of an answer over ``limit`` bytes."""
    message = f"查询结果过大(超过 {limit} 字节),请减少查询的字段或层级,或用 first 分页查询。"
    error = {"message": message, "extensions": {"code": RESPONSE_TOO_LARGE, "limit": limit}}
    return encode({"data": None, "errors": [error]})


def retry_after(result: ExecutionResult) -> int | None:
    """Seconds to wait when the caller's budget refused the operation, else None."""
    for error in result.errors or ():
        extensions = error.extensions or {}
        if extensions.get("code") == RATE_LIMITED:
            return int(extensions["retryAfter"])
    return None


class _SubResponse(Response):
    """The response strawberry fills in, remembering the media type the caller accepts."""

    graphql_response: bool = False
    to_cache: tuple[Any, ExecutionResult] | None = None  # kept once its body's size is known


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Sends every websocket message as a text frame: graphql-transport-ws messages are JSON
    text, and the browser's graphql-ws client drops a binary frame (which strawberry sends when
    ``encode_json`` answers bytes, as the UTF-8 body encoder does)."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        text = encoded.decode() if isinstance(encoded, bytes) else encoded
        try:
            await self.ws.send_text(text)
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class GraphQLEndpoint(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = TokenGuardedHandler
    websocket_adapter_class = TextWebSocketAdapter

    def __init__(
        self,
        schema: BaseSchema,
        plans: PlanCache,
        *,
        production: bool,
        clock: Clock,
        warning_policy: WarningPolicy,
        response_cache_entries: int = 512,
        sheet_limits: SheetLimits | None = None,
        allowed_origins: Sequence[str] = (),
        budget: CostBudget | None = None,
        trusted_proxies: Sequence[Network] = (),
        max_response_bytes: int = 0,
        verify_requires_evidence: bool = False,
        audit: AuditVerifying | None = None,
        credentials: Credentials,
        trusted: TrustedDocuments | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None,  # GraphiQL from local files: server/workbench.GraphiQLPage
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            # Origin of websocket upgrades: none (not a browser), the server's own host, or
            # one of TONGNAN_ALLOWED_ORIGINS; any other is refused before the handshake.
            allowed_origins=allowed_origins,
        )
        self.plans = plans
        self.clock = clock
        self.production = production
        self.credentials = credentials
        self.trusted = trusted or TrustedDocuments()
        self.warning_policy = warning_policy
        self.results = ResponseCache(response_cache_entries)
        self.sheet_limits = sheet_limits or SheetLimits()
        self.budget = budget
        self.trusted_proxies = tuple(trusted_proxies)
        self.max_response_bytes = max_response_bytes
        self.verify_requires_evidence = verify_requires_evidence
        self.audit = audit

    def caller(self, request: Request | WebSocket, actor: Actor | None) -> Caller | None:
        """Who pays: a signed-in user by name, anyone else by address (None: no budget)."""
        if self.budget is None:
            return None
        if actor is not None:
            return Caller(f"user:{actor.name}", self.budget)
        peer = request.client.host if request.client is not None else None
        address = client_address(peer, request.headers.get("x-forwarded-for"), self.trusted_proxies)
        return Caller(f"address:{address}", self.budget)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As strawberry's, but a refused document answers a GraphQL error (JSON), not text."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        response: Response
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except DocumentRefused as refused:
            error = {"message": refused.reason, "extensions": {"code": refused.code}}
            response = JSONResponse({"errors": [error]}, status_code=400)
        except HTTPException as exc:
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        value = parse_request_body(data)
        for request in value if isinstance(value, list) else [value]:
            self.trusted.resolve(request)
        return value

    def encode_json(self, data: object) -> bytes:
        return encode(data)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = _SubResponse()
        sub_response.status_code = None  # type: ignore[assignment]  # as strawberry's own
        del sub_response.headers["content-length"]
        if isinstance(request, Request):
            sub_response.graphql_response = prefers_graphql_response(request.headers.get("accept"))
            request.state.sub_response = sub_response
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """With the new media type, a request that never ran is a 400 without ``data``."""
        response = await super().process_result(request, result)
        sub_response = getattr(request.state, "sub_response", None)
        if (
            isinstance(sub_response, _SubResponse)
            and sub_response.graphql_response
            and is_request_error(result)
        ):
            sub_response.status_code = 400
            response = GraphQLHTTPResponse(errors=response.get("errors"))
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """The answer in the media type asked for, or an error in its place when its JSON is over
        ``max_response_bytes`` (measured on the encoded body itself: no second encoding)."""
        response = super().create_response(response_data, sub_response)
        if isinstance(sub_response, _SubResponse) and sub_response.graphql_response:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        size = len(response.body)
        if isinstance(sub_response, _SubResponse) and sub_response.to_cache is not None:
            self.results.put(*sub_response.to_cache, size)
        if self.max_response_bytes and size > self.max_response_bytes:
            log.warning("response of %d bytes over the limit of %d", size, self.max_response_bytes)
            response.body = too_large(self.max_response_bytes)
            response.headers["content-length"] = str(len(response.body))
        return response

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
        if (
            self.production
            and context.session_secret is not None
            and context.token is None
            and not (
                isinstance(request_data, GraphQLRequestData)
                and isinstance(request_data.query, str)
                and self.trusted.trusts(request_data.query)
            )
        ):
            raise DocumentRefused(UNTRUSTED, "UNTRUSTED_DOCUMENT")
        key = None
        if isinstance(request_data, GraphQLRequestData):
            key = self.results.key(
                request_data.query,
                request_data.variables,
                request_data.operation_name,
                # per caller: one caller's scoped answer is its own
                context.token or context.session_secret or "",
                (
                    self.plans.freshness,
                    # only queries reading notifications change with the worker's writes
                    self.plans.notifications
                    if names_any(request_data.query or "", NOTIFICATION_FIELDS)
                    else None,
                    context.today(),
                ),
            )
        if key is not None and (cached := self.results.get(key)) is not None:
            return cached
        result = await super().execute_operation(
            request, request_adapter, request_data, context, root_value, sub_response
        )
        if (
            key is not None
            and isinstance(result, ExecutionResult)
            and not result.errors
            and isinstance(sub_response, _SubResponse)
        ):
            sub_response.to_cache = (key, result)  # kept once its body is encoded
        if isinstance(result, ExecutionResult) and (seconds := retry_after(result)) is not None:
            sub_response.status_code = 429
            sub_response.headers["Retry-After"] = str(seconds)
        return result

    async def _websocket_caller(self, request: WebSocket) -> tuple[Identity | None, bool]:
        """A refused token or session does not fail the upgrade: the connection is closed (4403)
        when the client sends connection_init (``on_ws_connect``). ``(identity, refused)``."""
        try:
            return await self.credentials.identify(request.headers, request.cookies), False
        except Refused as refused:
            log.info("websocket refused: %s", refused.detail)
            return None, True

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """connection_init: a payload ``{"Authorization": "Bearer <token>"}`` signs the
        connection in (browsers cannot set the upgrade's headers); a refused token or session
        closes it with 4403."""
        try:
            identity = await self.credentials.identify_params(context.connection_params)
        except Refused as refused:
            log.info("websocket refused: %s", refused.detail)
            raise ConnectionRejectionError({"message": refused.message}) from None
        if identity is not None:
            context.actor = identity.actor
            context.token = identity.token
            context.session_secret = None
        elif context.actor is None and (context.token is not None or context.session_secret):
            raise ConnectionRejectionError({"message": "访问令牌无效或已被吊销，或登录已过期"})
        return await super().on_ws_connect(context)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        refused = False
        try:
            await poll_external_changes()
            if isinstance(request, WebSocket):
                identity, refused = await self._websocket_caller(request)
            else:
                identity = await self.credentials.identify(request.headers, request.cookies)
        except Refused as exc:
            raise HTTPException(401, exc.message) from None
        except HTTPException:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                raise HTTPException(503, UNAVAILABLE) from None
            raise
        actor = identity.actor if identity is not None else None
        token = identity.token if identity is not None else None
        secret = identity.session_secret if identity is not None else None
        if refused:  # remembered so that connection_init closes the connection
            token, secret = "", None
        return Context(
            actor=actor,
            plans=self.plans,
            token=token,
            session_secret=secret,
            clock=self.clock,
            warning_policy=self.warning_policy,
            sheet_limits=self.sheet_limits,
            caller=self.caller(request, actor),
            verify_requires_evidence=self.verify_requires_evidence,
            audit=self.audit,
        )
