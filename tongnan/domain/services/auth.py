"""Use case: turn a bearer token into the Actor it stands for, or refuse it with a reason."""

from __future__ import annotations

from tongnan.domain.actor import Actor
from tongnan.domain.models import ApiToken
from tongnan.domain.services.tokens import TOKEN_PREFIX, hash_token


class AuthenticationFailed(Exception):
    """The token is malformed, unknown, revoked, or its user is disabled."""


async def authenticate(token: str) -> Actor:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise AuthenticationFailed("malformed API token (expected Authorization: Bearer tn_…)")
    row = await ApiToken.get_or_none(token_hash=hash_token(token)).prefetch_related("user__unit")
    if row is None:
        raise AuthenticationFailed("unknown API token")
    if row.revoked_at is not None:
        raise AuthenticationFailed(f"API token {row.prefix}… was revoked")
    user = row.user
    if user.disabled:
        raise AuthenticationFailed(f"user {user.name} is disabled")
    unit = user.unit
    return Actor(
        name=user.name,
        role=user.role,
        unit_id=unit.id if unit is not None else None,
        unit_name=unit.name if unit is not None else None,
    )
