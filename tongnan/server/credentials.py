"""The one place a request's credentials are read: ``Authorization: Bearer <token>`` (HTTP,
websocket upgrades, the PDF route), the ``tongnan_session`` cookie of a signed-in browser, and a
websocket's ``connection_init`` payload ``{"Authorization": "Bearer <token>"}``, turned into the
caller (an Identity) or a refusal. A bearer token wins over a cookie sent with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import Clock
from tongnan.domain.directory import (
    AuthenticationFailed,
    SessionInfo,
    authenticate,
    session_of,
)
from tongnan.domain.rules.sign_in import SessionTimeouts

MALFORMED = "请在请求头中写明 Authorization: Bearer <访问令牌>"
SESSION_COOKIE = "tongnan_session"


@dataclass(frozen=True, slots=True)
class Refused(Exception):
    """The credentials are malformed, unknown, revoked or expired: ``message`` says so in plain
    words, ``detail`` is the English reason for the log."""

    message: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is calling and with what: a bearer ``token`` or a browser ``session``."""

    actor: Actor
    token: str | None = None
    session: SessionInfo | None = None
    session_secret: str | None = None  # the cookie's value (re-checked on websockets)


def bearer_token(header: str | None) -> str | None:
    """The token in an Authorization header; None without a header; Refused when malformed."""
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refused(MALFORMED, "Authorization must be 'Bearer <token>'")
    return token.strip()


def token_of(headers: Mapping[str, str]) -> str | None:
    """The bearer token of ``headers`` (None: anonymous; "": malformed, never authenticates)."""
    try:
        return bearer_token(headers.get("authorization"))
    except Refused:
        return ""


def session_secret_of(cookies: Mapping[str, str]) -> str | None:
    """The session cookie's value, if the request carries one."""
    value = cookies.get(SESSION_COOKIE)
    return value or None


def param_authorization(params: object) -> str | None:
    """The ``Authorization`` of a websocket's connection_init payload (any letter case), None
    without one; Refused when it is not text."""
    if not isinstance(params, Mapping):
        return None
    for key, value in params.items():
        if isinstance(key, str) and key.lower() == "authorization":
            if not isinstance(value, str):
                raise Refused(MALFORMED, "connection_init Authorization is not a string")
            return value
    return None


class Credentials:
    """Reads credentials with the app's clock and session timeouts."""

    def __init__(self, clock: Clock, timeouts: SessionTimeouts) -> None:
        self.clock = clock
        self.timeouts = timeouts

    async def by_token(self, token: str) -> Identity:
        try:
            return Identity(await authenticate(token), token=token)
        except AuthenticationFailed as exc:
            raise Refused(str(exc), "token authentication failed") from None

    async def by_session(self, secret: str) -> Identity:
        try:
            session = await session_of(secret, self.clock.now(), self.timeouts)
        except AuthenticationFailed as exc:
            raise Refused(str(exc), "session expired, ended or unknown") from None
        return Identity(session.actor, session=session, session_secret=secret)

    async def identify(
        self, headers: Mapping[str, str], cookies: Mapping[str, str]
    ) -> Identity | None:
        """The caller of a request: None when anonymous; Refused for a bad token or a session
        that is over."""
        token = bearer_token(headers.get("authorization"))
        if token is not None:
            return await self.by_token(token)
        secret = session_secret_of(cookies)
        if secret is not None:
            return await self.by_session(secret)
        return None

    async def identify_params(self, params: object) -> Identity | None:
        """The caller named by a websocket's connection_init payload (None: it names none)."""
        header = param_authorization(params)
        if header is None:
            return None
        token = bearer_token(header)
        assert token is not None
        return await self.by_token(token)

    async def still_valid(self, token: str | None, session_secret: str | None) -> bool:
        """Whether a websocket's credentials still authenticate (AuthenticationFailed-free)."""
        try:
            if token is not None:
                await self.by_token(token)
            elif session_secret is not None:
                await self.by_session(session_secret)
        except Refused:
            return False
        return True
