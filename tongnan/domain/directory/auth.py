"""Use case: turn a bearer token into the Actor it stands for, or refuse it with a reason
(a browser's session cookie: ``sessions.session_of``).

Answers are remembered per process for up to ``TTL_SECONDS`` and forgotten at once when a
token or the directory changes (a revocation is announced), here or, through NOTIFY, in
another process.
"""

from __future__ import annotations

import datetime as dt
import time

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.changes import FEED, Change
from tongnan.domain.directory.tokens import TOKEN_PREFIX, hash_token
from tongnan.domain.models import ApiToken

TTL_SECONDS = 60.0
MAX_REMEMBERED = 10_000
FORGET_ON = frozenset({"token", "session", "directory", "external", "reconnected"})
_remembered: dict[str, tuple[Actor, float]] = {}  # token hash -> (actor, when)


def _forget(change: Change) -> None:
    if change.kind in FORGET_ON:
        _remembered.clear()


FEED.subscribe(_forget)


class AuthenticationFailed(Exception):
    """The token is malformed, unknown, revoked, or its user is disabled."""


async def _load(token_hash: str) -> Actor:
    row = await ApiToken.get_or_none(token_hash=token_hash).prefetch_related("user__unit")
    if row is None:
        raise AuthenticationFailed("没有这个访问令牌,请向专班办公室核实")
    if row.revoked_at is not None:
        raise AuthenticationFailed(f"访问令牌 {row.prefix}… 已被吊销")
    user = row.user
    if user.disabled:
        raise AuthenticationFailed(f"用户 {user.name} 已停用")
    # when it was last used (at most once per TTL_SECONDS: the answer is remembered meanwhile)
    await ApiToken.filter(id=row.id).update(last_used_at=dt.datetime.now(dt.UTC))
    unit = user.unit
    return Actor(
        name=user.name,
        role=user.role,
        unit_id=unit.id if unit is not None else None,
        unit_name=unit.name if unit is not None else None,
    )


async def authenticate(token: str) -> Actor:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise AuthenticationFailed("访问令牌格式不对(应为 Authorization: Bearer tn_…)")
    token_hash = hash_token(token)
    now = time.monotonic()
    known = _remembered.get(token_hash)
    if known is not None and now - known[1] < TTL_SECONDS:
        return known[0]
    actor = await _load(token_hash)
    if len(_remembered) >= MAX_REMEMBERED:
        _remembered.clear()
    _remembered[token_hash] = (actor, now)
    return actor
