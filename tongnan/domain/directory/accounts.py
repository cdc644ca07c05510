"""Use cases of the office over accounts: list users, create one (with a password), disable one
and reset one's password; disabling and resetting end the user's sessions (their websockets
close). Passwords are hashed here and never audited.
"""

from __future__ import annotations

import datetime as dt

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.common.lookup import find_unit
from tongnan.domain.common.permissions import may_read, require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.common.versions import check_version
from tongnan.domain.directory.passwords import check_new_password, hash_password
from tongnan.domain.directory.sessions import check_name, end_sessions
from tongnan.domain.models import Unit, User

MAX_USER_NAME = 64
MAX_UNIT_NAME = 128  # the unit table's column: a longer name can name no unit


async def _unit(unit_name: str) -> Unit:
    if len(unit_name) > MAX_UNIT_NAME:
        raise Invalid(f"单位名称最多{MAX_UNIT_NAME}个字符，没有这样的单位", ("unitName",))
    return await find_unit(unit_name, ("unitName",))


async def list_users(actor: Actor | None, unit_name: str | None = None) -> list[User]:
    """Every account (of ``unit_name`` when given), by name, with its unit fetched."""
    require_read(actor, "user.read")
    query = User.all()
    if unit_name is not None:
        query = query.filter(unit_id=(await _unit(unit_name)).id)
    return list(await query.order_by("name").prefetch_related("unit"))


async def find_user(actor: Actor | None, user_id: int) -> User | None:
    """One account with its unit, or ``None`` when there is none or ``actor`` may not read
    accounts (what ``node`` and ``history`` answer for a user)."""
    if not may_read(actor, "user.read"):
        return None
    return await User.get_or_none(id=user_id).prefetch_related("unit")


async def create_user(
    actor: Actor,
    name: object,
    unit_name: str | None,
    role: Role,
    password: object,
    now: dt.datetime | None = None,
) -> User:
    """A new account of ``unit_name`` (none: office-wide) with ``role`` and a password."""
    require(actor, "user.create")
    name = check_name(name, ("name",))
    if len(name) > MAX_USER_NAME:
        raise Invalid(f"用户名最多{MAX_USER_NAME}个字符", ("name",))
    password = check_new_password(password, ("password",))
    hashed = await hash_password(password)
    async with UnitOfWork() as uow:
        unit = await _unit(unit_name) if unit_name else None
        if unit is not None and unit.kind is UnitKind.GROUP:
            raise Invalid(
                f"{unit.name}是单位组，不能开设账号，请为其中的具体单位开设", ("unitName",)
            )
        if role is Role.UNIT_REPORTER and unit is None:
            raise Invalid("责任单位的账号要写明所属单位", ("unitName",))
        if await User.exists(name=name):
            raise Invalid(f"用户名“{name}”已被使用，请换一个", ("name",))
        user = await User.create(
            name=name, unit_id=unit.id if unit else None, role=role, password_hash=hashed
        )
        uow.changed("user")  # cached lists of accounts are re-read
        await audit.record(
            actor,
            "user.created",
            "User",
            user.id,
            None,
            {"name": name, "unit": unit.name if unit else None, "role": role},
            now=now,
        )
    await user.fetch_related("unit")
    return user


async def _get(user_id: int) -> User:
    user = await User.get_or_none(id=user_id).prefetch_related("unit")
    if user is None:
        raise NotFound("没有这个账号", ("userId",))
    return user


async def disable_user(actor: Actor, user_id: int, expected_version: int, now: dt.datetime) -> User:
    """Disable the account: it can no longer sign in or use its tokens; its sessions end."""
    require(actor, "user.disable")
    async with UnitOfWork() as uow:
        user = await _get(user_id)
        await check_version("User", user.id, user.version, expected_version, now)
        if user.name == actor.name:
            raise Invalid("不能停用自己的账号", ("userId",))
        if not user.disabled:
            user.disabled = True
            user.version += 1
            await user.save(update_fields=["disabled", "version"])
            ended = await end_sessions(uow, user.id, now)
            uow.changed("token")  # its tokens stop authenticating at once, in every process
            uow.changed("user")
            await audit.record(
                actor,
                "user.disabled",
                "User",
                user.id,
                {"disabled": False},
                {"disabled": True, "sessions_ended": ended},
                now=now,
            )
        return user


async def reset_user_password(
    actor: Actor, user_id: int, new_password: object, expected_version: int, now: dt.datetime
) -> User:
    """Give the account a new password (told to its holder by the office); its sessions end."""
    require(actor, "user.reset_password")
    password = check_new_password(new_password, ("newPassword",))
    hashed = await hash_password(password)
    async with UnitOfWork() as uow:
        user = await _get(user_id)
        await check_version("User", user.id, user.version, expected_version, now)
        user.password_hash = hashed
        user.version += 1
        await user.save(update_fields=["password_hash", "version"])
        ended = await end_sessions(uow, user.id, now)
        uow.changed("user")  # the new version is seen at once
        await audit.record(
            actor,
            "user.password_reset",
            "User",
            user.id,
            {"version": user.version - 1},
            {"version": user.version, "sessions_ended": ended},
            now=now,
        )
        return user


async def set_password_by_name(actor: Actor, name: str, password: object, now: dt.datetime) -> User:
    """The command line's reset: the account by name, without an expected version."""
    user = await User.get_or_none(name=name)
    if user is None:
        raise NotFound(f"没有名为“{name}”的账号", ("name",))
    return await reset_user_password(actor, user.id, password, user.version, now)


async def disable_by_name(actor: Actor, name: str, now: dt.datetime) -> User:
    """The command line's disable: the account by name."""
    user = await User.get_or_none(name=name)
    if user is None:
        raise NotFound(f"没有名为“{name}”的账号", ("name",))
    return await disable_user(actor, user.id, user.version, now)
