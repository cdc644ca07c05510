"""The one place a request's credentials are read: ``Authorization: Bearer <token>`` on HTTP,
on websocket upgrades and on the PDF route, turned into the caller (an Actor) or a refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tongnan.domain.common.actor import Actor
from tongnan.domain.directory.auth import AuthenticationFailed, authenticate

MALFORMED = "请在请求头中写明 Authorization: Bearer <访问令牌>"


@dataclass(frozen=True, slots=True)
class Refused(Exception):
    """The credentials are malformed, unknown or revoked: ``message`` says so in plain words,
    ``detail`` is the English reason for the log."""

    message: str
    detail: str = ""


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


async def actor_of(headers: Mapping[str, str]) -> Actor | None:
    """The caller named by ``headers``: None when anonymous; Refused for a bad or revoked token."""
    token = bearer_token(headers.get("authorization"))
    if token is None:
        return None
    try:
        return await authenticate(token)
    except AuthenticationFailed as exc:
        raise Refused(str(exc), "authentication failed") from None
