"""Use case: API tokens. Only a token's SHA-256 is stored; the token itself is shown once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.lookup import find_unit
from tongnan.domain.common.permissions import require
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
