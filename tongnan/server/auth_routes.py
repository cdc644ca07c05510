"""``/auth/*``: signing in and out of the workbench with a name and password.

``POST /auth/login``, ``/auth/logout``, ``/auth/logout-all``, ``/auth/password`` and
``GET /auth/session``. The session's secret travels only in the ``tongnan_session`` cookie
(HttpOnly, SameSite=Lax, Path=/, Secure over https). State-changing requests must be JSON and
come from an allowed ``Origin`` (CSRF). Every error is ``{"error": "<plain Chinese>"}``.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tongnan.domain.common.clock import Clock
from tongnan.domain.common.database import is_unavailable
from tongnan.domain.common.errors import DomainError, ErrorCode
from tongnan.domain.directory import SessionInfo, SignInLimits, SignInRefused, sign_in
from tongnan.domain.directory.sessions import (
    EXPIRED,
    change_password,
    sign_out,
    sign_out_everywhere,
)
from tongnan.domain.rules.sign_in import SessionTimeouts
from tongnan.schema.errors_masking import UNAVAILABLE
from tongnan.server.client_address import Network, client_address
from tongnan.server.credentials import SESSION_COOKIE, Credentials, Refused, session_secret_of
from tongnan.server.origin import origin_allowed

log = logging.getLogger(__name__)
MAX_AUTH_BODY = 16 * 1024
NOT_JSON = "请以 JSON 提交（Content-Type: application/json）"
BAD_ORIGIN = "请求来自不被允许的网页来源（Origin），已拒绝"
TOO_LARGE = "请求内容过大"
BAD_BODY = "请求内容应是一个 JSON 对象"


@dataclass(frozen=True, slots=True)
class AuthConfig:
    """What the routes need: the clock, timeouts, failure limits, origins and proxies."""

    clock: Clock
    timeouts: SessionTimeouts
    limits: SignInLimits
    credentials: Credentials
    allowed_origins: Sequence[str] = ()
    trusted_proxies: Sequence[Network] = ()


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message


def _error(
    status: int, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _config(request: Request) -> AuthConfig:
    config: AuthConfig = request.app.state.auth
    return config


def _address(request: Request, config: AuthConfig) -> str:
    peer = request.client.host if request.client is not None else None
    return client_address(peer, request.headers.get("x-forwarded-for"), config.trusted_proxies)


def _secure(request: Request, config: AuthConfig) -> bool:
    """Whether the browser reached us over https (directly, or through a trusted proxy)."""
    if request.url.scheme == "https":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    if forwarded != "https" or request.client is None:
        return False
    try:
        peer = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False
    return any(peer in network for network in config.trusted_proxies)


async def _json_body(request: Request, config: AuthConfig) -> dict[str, Any]:
    """The body of a state-changing request: an allowed Origin, JSON, an object."""
    if not origin_allowed(request.headers, config.allowed_origins):
        raise _Refusal(403, BAD_ORIGIN)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise _Refusal(415, NOT_JSON)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_AUTH_BODY:
        raise _Refusal(413, TOO_LARGE)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_AUTH_BODY:
            raise _Refusal(413, TOO_LARGE)
    if not body.strip():
        return {}  # logout and logout-all need no members
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        raise _Refusal(400, "请求内容不是有效的 JSON") from None
    if not isinstance(value, dict):
        raise _Refusal(400, BAD_BODY)
    return value


def _user(session: SessionInfo) -> dict[str, Any]:
    actor = session.actor
    return {"name": actor.name, "role": actor.role.value, "unitName": actor.unit_name}


def _clear(response: Response, request: Request, config: AuthConfig) -> Response:
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request, config),
    )
    return response


async def _session(request: Request, config: AuthConfig) -> SessionInfo:
    secret = session_secret_of(request.cookies)
    if secret is None:
        raise _Refusal(401, EXPIRED)
    try:
        identity = await config.credentials.by_session(secret)
    except Refused as refused:
        raise _Refusal(401, refused.message) from None
    assert identity.session is not None
    return identity.session


async def login(request: Request) -> Response:
    config = _config(request)
    body = await _json_body(request, config)
    address = _address(request, config)
    try:
        signed = await sign_in(
            body.get("username"),
            body.get("password"),
            address,
            config.clock.now(),
            config.timeouts,
            config.limits,
        )
    except SignInRefused as refused:
        if refused.status == 429:
            return _error(
                429,
                refused.message,
                retryAfterSeconds=refused.retry_after,
                headers={"Retry-After": str(refused.retry_after)},
            )
        return _error(refused.status, str(refused))
    response = JSONResponse({"user": _user(signed.session)})
    response.set_cookie(
        SESSION_COOKIE,
        signed.secret,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request, config),
    )
    return response


async def logout(request: Request) -> Response:
    config = _config(request)
    await _json_body(request, config)
    try:
        session = await _session(request, config)
    except _Refusal:
        session = None
    if session is not None:
        await sign_out(session, config.clock.now())
    return _clear(Response(status_code=204), request, config)


async def logout_all(request: Request) -> Response:
    config = _config(request)
    await _json_body(request, config)
    session = await _session(request, config)
    await sign_out_everywhere(session, config.clock.now())
    return _clear(Response(status_code=204), request, config)


async def current_session(request: Request) -> Response:
    config = _config(request)
    session = await _session(request, config)
    return JSONResponse(
        {"user": _user(session), "expiresAt": session.expires_at.isoformat()},
        headers={"Cache-Control": "no-store"},
    )


async def password(request: Request) -> Response:
    config = _config(request)
    body = await _json_body(request, config)
    session = await _session(request, config)
    await change_password(
        session, body.get("currentPassword"), body.get("newPassword"), config.clock.now()
    )
    return Response(status_code=204)


def _guarded(handler: Any) -> Any:
    """Refusals and the domain's errors (wrong input) as ``{"error": …}``, never a 500; the
    database away is a 503."""

    async def endpoint(request: Request) -> Response:
        try:
            response: Response = await handler(request)
        except _Refusal as refusal:
            return _error(refusal.status, refusal.message)
        except SignInRefused as refused:
            return _error(refused.status, str(refused))
        except DomainError as error:
            return _error(403 if error.code is ErrorCode.FORBIDDEN else 400, error.message)
        except Exception as exc:
            if is_unavailable(exc):
                return _error(503, UNAVAILABLE)
            raise
        return response

    return endpoint


ROUTES = [
    Route("/auth/login", _guarded(login), methods=["POST"]),
    Route("/auth/logout", _guarded(logout), methods=["POST"]),
    Route("/auth/logout-all", _guarded(logout_all), methods=["POST"]),
    Route("/auth/session", _guarded(current_session), methods=["GET"]),
    Route("/auth/password", _guarded(password), methods=["POST"]),
]
