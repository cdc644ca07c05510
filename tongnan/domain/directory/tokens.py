"""Use cases: API tokens, issued by the office (CLI) or by each user for themselves (named,
listed, revoked); the office also lists any account's tokens and revokes any of them (audited
on the account, so its history shows it). Only a token's SHA-256 is stored; the token itself is
shown once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.lookup import find_unit
from tongnan.domain.common.permissions import require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.models import ApiToken, User

TOKEN_PREFIX = "tn_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str  # shown once, never stored
    prefix: str
    user_name: str
    unit_name: str | None
    role: Role


async def create_token(
    unit_name: str | None, role: Role, actor: Actor, label: str | None = None
) -> IssuedToken:
    """Create (or reuse) the user for ``unit_name`` × ``role`` and give it a new token."""
    require(actor, "token.create")
    async with UnitOfWork():
        unit = await find_unit(unit_name, ("unit",)) if unit_name else None
        if unit is not None and unit.kind is UnitKind.GROUP:
            raise Invalid(
                f"{unit.name}是单位组，不能领取访问令牌，请为其中的具体单位领取", ("unit",)
            )
        user_name = label or f"{unit.name if unit else 'office'}/{role.value.lower()}"
        user = await User.get_or_none(name=user_name)
        if user is None:
            user = await User.create(name=user_name, unit_id=unit.id if unit else None, role=role)
            await audit.record(
                actor,
                "user.created",
                "User",
                user.id,
                None,
                {"name": user_name, "unit": unit.name if unit else None, "role": role},
            )
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = await ApiToken.create(
            user_id=user.id, token_hash=hash_token(token), prefix=token[:10]
        )
        await audit.record(
            actor,
            "token.created",
            "ApiToken",
            row.id,
            None,
            {"user": user_name, "prefix": row.prefix},
        )
        return IssuedToken(token, row.prefix, user_name, unit.name if unit else None, role)


async def revoke_token(prefix: str, actor: Actor) -> int:
    """Revoke every live token starting with ``prefix``; returns how many were revoked."""
    require(actor, "token.revoke")
    async with UnitOfWork() as uow:  # announced: every process forgets the tokens it trusted
        tokens = await ApiToken.filter(prefix=prefix, revoked_at=None)
        if tokens:
            uow.changed("token")
        now = dt.datetime.now(dt.UTC)
        for token in tokens:
            token.revoked_at = now
            await token.save(update_fields=["revoked_at"])
            await audit.record(
                actor,
                "token.revoked",
                "ApiToken",
                token.id,
                {"revoked_at": None},
                {"revoked_at": now},
            )
        return len(tokens)


MAX_TOKEN_NAME = 64


async def _own_user(actor: Actor) -> User:
    user = await User.get_or_none(name=actor.name)
    if user is None:
        raise NotFound("没有这个账号，不能管理访问令牌", ("user",))
    return user


async def my_tokens(actor: Actor | None) -> list[ApiToken]:
    """The caller's own API tokens, newest first (revoked ones too)."""
    require_read(actor, "token.own")
    assert actor is not None
    return list(await ApiToken.filter(user__name=actor.name).order_by("-id"))


async def create_own_token(actor: Actor, name: str, now: dt.datetime) -> tuple[ApiToken, str]:
    """A new token for the caller, named ``name``: the row and the token itself (shown once)."""
    require(actor, "token.own")
    name = name.strip()
    if not name:
        raise Invalid("请给访问令牌起个名字（用途）", ("name",))
    if len(name) > MAX_TOKEN_NAME or any(ord(c) < 32 for c in name):
        raise Invalid(f"访问令牌的名字最多{MAX_TOKEN_NAME}个字符，不含控制字符", ("name",))
    async with UnitOfWork() as uow:  # announced: cached answers listing tokens are stale
        user = await _own_user(actor)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = await ApiToken.create(
            user_id=user.id,
            token_hash=hash_token(token),
            prefix=token[:10],
            name=name,
            created_at=now,
        )
        await audit.record(
            actor,
            "token.created",
            "ApiToken",
            row.id,
            None,
            {"user": user.name, "name": name, "prefix": row.prefix},
            now=now,
        )
        uow.changed("token")
        return row, token


async def revoke_own_token(actor: Actor, token_id: int, now: dt.datetime) -> ApiToken:
    """Revoke one of the caller's own tokens (already revoked: unchanged)."""
    require(actor, "token.own")
    async with UnitOfWork() as uow:
        row = await ApiToken.get_or_none(id=token_id, user__name=actor.name)
        if row is None:
            raise NotFound("没有这个访问令牌（只能吊销自己的）", ("tokenId",))
        if row.revoked_at is None:
            row.revoked_at = now
            await row.save(update_fields=["revoked_at"])
            uow.changed("token")
            await audit.record(
                actor,
                "token.revoked",
                "ApiToken",
                row.id,
                {"revoked_at": None},
                {"revoked_at": now},
                now=now,
            )
        return row


async def user_tokens(actor: Actor | None, user_id: int) -> list[ApiToken]:
    """The office's view of one account's API tokens, newest first (revoked ones too)."""
    require_read(actor, "token.read")
    if not await User.exists(id=user_id):
        raise NotFound("没有这个账号", ("userId",))
    return list(await ApiToken.filter(user_id=user_id).order_by("-id"))


async def revoke_user_token(actor: Actor, token_id: int, now: dt.datetime) -> ApiToken:
    """The office revokes any account's token: it stops authenticating at once, in every
    process, and websockets opened with it close. Recorded on the account (its history)."""
    require(actor, "token.revoke")
    async with UnitOfWork() as uow:
        row = await ApiToken.get_or_none(id=token_id)
        if row is None:
            raise NotFound("没有这个访问令牌，可能已被删除，请刷新后再试", ("tokenId",))
        label = f"“{row.name}”" if row.name else f"{row.prefix}…"
        if row.revoked_at is not None:
            raise Conflict(f"访问令牌{label}已经吊销，无需再吊销", ("tokenId",))
        row.revoked_at = now
        await row.save(update_fields=["revoked_at"])
        uow.changed("token")  # every process forgets it; websockets using it are checked again
        await audit.record(
            actor,
            "user.token_revoked",
            "User",
            row.user_id,
            {"token": row.id, "name": row.name, "prefix": row.prefix, "revoked_at": None},
            {"token": row.id, "name": row.name, "prefix": row.prefix, "revoked_at": now},
            now=now,
        )
        return row
