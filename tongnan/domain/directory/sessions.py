"""Use cases: signing in with a name and password (throttled per account and per address),
the session a browser's cookie names, signing out (here or everywhere) and changing one's
password. Only the SHA-256 of a session's secret is stored; the secret lives in the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import DomainError, Invalid
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.directory.auth import AuthenticationFailed
from tongnan.domain.directory.passwords import (
    MAX_LENGTH,
    check_new_password,
    hash_password,
    verify_password,
)
from tongnan.domain.directory.sign_in_limits import SignInLimits
from tongnan.domain.models import Session, User
from tongnan.domain.rules.sign_in import SessionTimeouts, session_live

log = logging.getLogger(__name__)
MAX_NAME = 128
WRONG = "用户名或密码不正确"
EXPIRED = "未登录或登录已过期"


class SignInRefused(DomainError):
    """Signing in failed: ``status`` 401 (wrong name or password), 403 (account disabled) or
    429 (too many failures; ``retry_after`` seconds to wait)."""

    def __init__(self, message: str, status: int, retry_after: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A live session: who it is, which session, and when it ends if not used again."""

    actor: Actor
    session_id: int
    user_id: int
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    secret: str  # for the cookie only: never stored, logged or audited
    session: SessionInfo


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def actor_of_user(user: User) -> Actor:
    """The Actor of a user whose ``unit`` is fetched."""
    unit = user.unit
    return Actor(
        name=user.name,
        role=user.role,
        unit_id=unit.id if unit is not None else None,
        unit_name=unit.name if unit is not None else None,
    )


def check_name(name: object, field: tuple[str, ...] = ("username",)) -> str:
    """A user name as typed: text, not empty, not over ``MAX_NAME``, no control characters."""
    if not isinstance(name, str):
        raise Invalid("用户名应是文字", field)
    name = name.strip()
    if not name:
        raise Invalid("请填写用户名", field)
    if len(name) > MAX_NAME:
        raise Invalid(f"用户名最多{MAX_NAME}个字符", field)
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise Invalid("用户名不能含控制字符", field)
    return name


def _check_password_given(password: object) -> str:
    if not isinstance(password, str):
        raise Invalid("密码应是文字", ("password",))
    if not password:
        raise Invalid("请填写密码", ("password",))
    if len(password) > MAX_LENGTH or "\x00" in password:
        raise SignInRefused(WRONG, 401)
    return password


async def sign_in(
    name: object,
    password: object,
    address: str,
    now: dt.datetime,
    timeouts: SessionTimeouts,
    limits: SignInLimits,
) -> SignedIn:
    """A new session for the user whose password this is, or SignInRefused."""
    name = check_name(name)
    password = _check_password_given(password)
    wait = limits.retry_after(name, address, now)
    if wait:
        raise SignInRefused(f"登录失败次数过多，请{wait}秒后再试", 429, wait)
    user = await User.get_or_none(name=name).prefetch_related("unit")
    if not await verify_password(user.password_hash if user else None, password):
        limits.failed(name, address, now)
        log.info("sign-in failed for a name from %s", address)
        raise SignInRefused(WRONG, 401)
    assert user is not None
    limits.succeeded(name)
    if user.disabled:
        raise SignInRefused("该账号已停用，请联系专班办公室", 403)
    secret = secrets.token_urlsafe(32)
    absolute = timeouts.absolute_until(now)
    actor = actor_of_user(user)
    async with UnitOfWork():
        row = await Session.create(
            user_id=user.id,
            secret_hash=hash_secret(secret),
            created_at=now,
            last_seen_at=now,
            idle_expires_at=timeouts.idle_until(now, absolute),
            absolute_expires_at=absolute,
            address=address[:64],
        )
        await User.filter(id=user.id).update(last_sign_in_at=now)
        await audit.record(actor, "session.started", "User", user.id, None, {"session": row.id})
    return SignedIn(secret, SessionInfo(actor, row.id, user.id, row.idle_expires_at))


async def session_of(secret: str, now: dt.datetime, timeouts: SessionTimeouts) -> SessionInfo:
    """The live session whose cookie holds ``secret`` (its use written down now and then), or
    AuthenticationFailed."""
    if not secret or len(secret) > 200:
        raise AuthenticationFailed(EXPIRED)
    row = await Session.get_or_none(secret_hash=hash_secret(secret)).prefetch_related("user__unit")
    if row is None or not session_live(
        now, row.idle_expires_at, row.absolute_expires_at, row.ended_at
    ):
        raise AuthenticationFailed(EXPIRED)
    if row.user.disabled:
        raise AuthenticationFailed("该账号已停用，请联系专班办公室")
    expires = row.idle_expires_at
    if timeouts.needs_touch(row.last_seen_at, now):
        expires = timeouts.idle_until(now, row.absolute_expires_at)
        await Session.filter(id=row.id, ended_at=None).update(
            last_seen_at=now, idle_expires_at=expires
        )
    return SessionInfo(actor_of_user(row.user), row.id, row.user_id, expires)


async def end_sessions(
    uow: UnitOfWork, user_id: int, now: dt.datetime, keep: int | None = None
) -> int:
    """End every live session of the user but ``keep`` inside ``uow``; their websockets close."""
    query = Session.filter(user_id=user_id, ended_at=None)
    if keep is not None:
        query = query.exclude(id=keep)
    ended = await query.update(ended_at=now)
    if ended:
        uow.changed("session")
    return int(ended)


async def sign_out(session: SessionInfo, now: dt.datetime) -> None:
    """End this session."""
    async with UnitOfWork() as uow:
        await Session.filter(id=session.session_id).update(ended_at=now)
        uow.changed("session")
        await audit.record(session.actor, "session.ended", "User", session.user_id, None, {})


async def sign_out_everywhere(session: SessionInfo, now: dt.datetime) -> int:
    """End every session of this session's user (this one too)."""
    async with UnitOfWork() as uow:
        ended = await end_sessions(uow, session.user_id, now)
        uow.changed("session")
        await audit.record(
            session.actor, "session.ended_all", "User", session.user_id, None, {"ended": ended}
        )
        return ended


async def change_password(
    session: SessionInfo, current: object, new: object, now: dt.datetime
) -> None:
    """Set a new password when ``current`` is right; every other session of the user ends."""
    require(session.actor, "account.change_password")
    if not isinstance(current, str) or not current:
        raise Invalid("请填写当前密码", ("currentPassword",))
    new_password = check_new_password(new, ("newPassword",))
    user = await User.get(id=session.user_id)
    if not await verify_password(user.password_hash, current):
        raise Invalid("当前密码不正确", ("currentPassword",))
    if new_password == current:
        raise Invalid("新密码不能与当前密码相同", ("newPassword",))
    hashed = await hash_password(new_password)
    async with UnitOfWork() as uow:
        await User.filter(id=user.id).update(password_hash=hashed, version=user.version + 1)
        ended = await end_sessions(uow, user.id, now, keep=session.session_id)
        await audit.record(
            session.actor,
            "user.password_changed",
            "User",
            user.id,
            {"version": user.version},
            {"version": user.version + 1, "sessions_ended": ended},
        )
