"""Account use cases called directly, on both backends: signing in (throttled), the session's
expiry, signing out, changing a password, the office's users, and one's own API tokens. No
password or secret is ever written to the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.values import Role
from tongnan.domain.directory import (
    AuthenticationFailed,
    SignInLimits,
    SignInRefused,
    authenticate,
    session_of,
    sign_in,
)
from tongnan.domain.directory.accounts import (
    create_user,
    disable_user,
    list_users,
    reset_user_password,
)
from tongnan.domain.directory.sessions import change_password, sign_out_everywhere
from tongnan.domain.directory.tokens import (
    create_own_token,
    my_tokens,
    revoke_own_token,
    revoke_user_token,
    user_tokens,
)
from tongnan.domain.models import AuditEvent, Session, User
from tongnan.domain.rules.sign_in import FailurePolicy, SessionTimeouts

T0 = dt.datetime(2025, 6, 20, 9, 0, tzinfo=dt.UTC)
TIMEOUTS = SessionTimeouts(idle=600.0, absolute=3600.0)
PASSWORD = "guilin-pass-2025"


def later(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def limits() -> SignInLimits:
    return SignInLimits(
        account=FailurePolicy(free=2, delay=1.0, max_delay=4.0, lock_after=4, lock_seconds=60.0)
    )


async def _guilin() -> User:
    await import_seed()
    return await create_user(OFFICE, "guilin", "桂林街道", Role.UNIT_REPORTER, PASSWORD, T0)


async def _audit_text() -> str:
    return " ".join(f"{e.before} {e.after}" for e in await AuditEvent.all())


async def test_sign_in_opens_a_session_that_expires_idle_or_absolute(db: DatabaseUrl) -> None:
    user = await _guilin()
    signed = await sign_in("guilin", PASSWORD, "10.0.0.1", T0, TIMEOUTS, limits())
    assert signed.session.actor.unit_name == "桂林街道"
    assert signed.session.expires_at == later(600)
    row = await Session.get(id=signed.session.session_id)
    assert row.secret_hash != signed.secret and signed.secret not in await _audit_text()
    assert (await User.get(id=user.id)).last_sign_in_at == T0
    # used within the idle time: it lives on (and the use is written down)
    assert (await session_of(signed.secret, later(500), TIMEOUTS)).expires_at == later(1100)
    with pytest.raises(AuthenticationFailed):
        await session_of(signed.secret, later(1100), TIMEOUTS)  # idle too long
    again = await sign_in("guilin", PASSWORD, "10.0.0.1", T0, TIMEOUTS, limits())
    for minute in range(1, 60):  # used every minute: still over at the absolute expiry
        await session_of(again.secret, later(minute * 60), TIMEOUTS)
    with pytest.raises(AuthenticationFailed):
        await session_of(again.secret, later(3600), TIMEOUTS)


async def test_failures_slow_then_lock_the_account(db: DatabaseUrl) -> None:
    await _guilin()
    ledger = limits()
    for i in range(2):
        with pytest.raises(SignInRefused) as wrong:
            await sign_in("guilin", "wrong-password", "10.0.0.1", later(i), TIMEOUTS, ledger)
        assert wrong.value.status == 401 and wrong.value.message == "用户名或密码不正确"
    with pytest.raises(SignInRefused) as third:
        await sign_in("guilin", "wrong-password", "10.0.0.1", later(2), TIMEOUTS, ledger)
    assert third.value.status == 401
    with pytest.raises(SignInRefused) as slowed:  # even the right password waits its turn
        await sign_in("guilin", PASSWORD, "10.0.0.2", later(2.5), TIMEOUTS, ledger)
    assert slowed.value.status == 429 and slowed.value.retry_after == 1
    with pytest.raises(SignInRefused):
        await sign_in("guilin", "wrong-password", "10.0.0.1", later(3), TIMEOUTS, ledger)
    with pytest.raises(SignInRefused) as locked:
        await sign_in("guilin", PASSWORD, "10.0.0.1", later(30), TIMEOUTS, ledger)
    assert locked.value.status == 429 and locked.value.retry_after == 33
    assert await sign_in("guilin", PASSWORD, "10.0.0.1", later(63), TIMEOUTS, ledger)
    # an unknown name fails as a wrong password does
    with pytest.raises(SignInRefused) as unknown:
        await sign_in("nobody", PASSWORD, "10.0.0.1", later(64), TIMEOUTS, ledger)
    assert unknown.value.message == "用户名或密码不正确"


@pytest.mark.parametrize(
    ("name", "password", "field"),
    [
        ("x" * 10_000, PASSWORD, "username"),
        ("gui\x00lin", PASSWORD, "username"),
        (12, PASSWORD, "username"),
        ("guilin", 12345678, "password"),
        ("guilin", None, "password"),
    ],
)
async def test_hostile_sign_in_input_is_refused_plainly(
    db: DatabaseUrl, name: object, password: object, field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        await sign_in(name, password, "10.0.0.1", T0, TIMEOUTS, limits())
    assert refused.value.field == (field,)


async def test_a_password_change_ends_the_other_sessions(db: DatabaseUrl) -> None:
    await _guilin()
    here = await sign_in("guilin", PASSWORD, "a", T0, TIMEOUTS, limits())
    there = await sign_in("guilin", PASSWORD, "b", T0, TIMEOUTS, limits())
    with pytest.raises(Invalid, match="当前密码不正确"):
        await change_password(here.session, "wrong-password", "new-pass-2025", T0)
    with pytest.raises(Invalid, match="至少"):
        await change_password(here.session, PASSWORD, "short", T0)
    await change_password(here.session, PASSWORD, "new-pass-2025", later(1))
    assert await session_of(here.secret, later(2), TIMEOUTS)
    with pytest.raises(AuthenticationFailed):
        await session_of(there.secret, later(2), TIMEOUTS)
    with pytest.raises(SignInRefused):
        await sign_in("guilin", PASSWORD, "a", later(3), TIMEOUTS, limits())
    assert await sign_in("guilin", "new-pass-2025", "a", later(3), TIMEOUTS, limits())
    await sign_out_everywhere(here.session, later(4))
    assert await Session.filter(ended_at=None).count() == 0  # every one of the user's
    audit = await _audit_text()
    assert PASSWORD not in audit and "new-pass-2025" not in audit


async def test_the_office_creates_disables_and_resets_accounts(db: DatabaseUrl) -> None:
    user = await _guilin()
    town = (await sign_in("guilin", PASSWORD, "a", T0, TIMEOUTS, limits())).session.actor
    with pytest.raises(PermissionDenied):
        await create_user(town, "x-user", "桂林街道", Role.UNIT_REPORTER, PASSWORD, T0)
    with pytest.raises(PermissionDenied):
        await list_users(town)
    with pytest.raises(Invalid, match="已被使用"):
        await create_user(OFFICE, "guilin", "桂林街道", Role.UNIT_REPORTER, PASSWORD, T0)
    with pytest.raises(Invalid, match="所属单位"):
        await create_user(OFFICE, "lonely", None, Role.UNIT_REPORTER, PASSWORD, T0)
    assert [u.name for u in await list_users(OFFICE, "桂林街道")] == ["guilin"]
    session = await sign_in("guilin", PASSWORD, "a", T0, TIMEOUTS, limits())
    reset = await reset_user_password(OFFICE, user.id, "office-set-2025", user.version, T0)
    assert reset.version == user.version + 1
    with pytest.raises(AuthenticationFailed):
        await session_of(session.secret, later(1), TIMEOUTS)
    with pytest.raises(Conflict):  # based on the old version
        await disable_user(OFFICE, user.id, user.version, T0)
    with pytest.raises(NotFound):
        await disable_user(OFFICE, 999_999, 1, T0)
    fresh = await sign_in("guilin", "office-set-2025", "a", later(2), TIMEOUTS, limits())
    disabled = await disable_user(OFFICE, user.id, reset.version, later(3))
    assert disabled.disabled
    with pytest.raises(AuthenticationFailed):
        await session_of(fresh.secret, later(4), TIMEOUTS)
    with pytest.raises(SignInRefused) as refused:
        await sign_in("guilin", "office-set-2025", "a", later(5), TIMEOUTS, limits())
    assert refused.value.status == 403
    actions = [e.action for e in await AuditEvent.filter(object_type="User").order_by("id")]
    assert {"user.created", "user.password_reset", "user.disabled", "session.started"} <= set(
        actions
    )
    assert "office-set-2025" not in await _audit_text()


async def test_each_user_keeps_their_own_tokens(db: DatabaseUrl) -> None:
    await _guilin()
    await create_user(OFFICE, "rsj", "区人力社保局", Role.UNIT_REPORTER, PASSWORD, T0)
    guilin = (await sign_in("guilin", PASSWORD, "a", T0, TIMEOUTS, limits())).session.actor
    rsj = (await sign_in("rsj", PASSWORD, "a", T0, TIMEOUTS, limits())).session.actor
    row, secret = await create_own_token(guilin, "数据对接", T0)
    assert row.name == "数据对接" and secret.startswith(row.prefix)
    assert (await authenticate(secret)).name == "guilin"
    assert [t.name for t in await my_tokens(guilin)] == ["数据对接"]
    assert await my_tokens(rsj) == []
    with pytest.raises(NotFound):
        await revoke_own_token(rsj, row.id, T0)  # not theirs
    with pytest.raises(Invalid):
        await create_own_token(guilin, "  ", T0)
    revoked = await revoke_own_token(guilin, row.id, later(1))
    assert revoked.revoked_at is not None
    with pytest.raises(AuthenticationFailed):
        await authenticate(secret)
    assert secret not in await _audit_text()


async def test_the_office_lists_and_revokes_any_accounts_tokens(db: DatabaseUrl) -> None:
    user = await _guilin()
    guilin = (await sign_in("guilin", PASSWORD, "a", T0, TIMEOUTS, limits())).session.actor
    _, kept_secret = await create_own_token(guilin, "数据对接", T0)
    gone, gone_secret = await create_own_token(guilin, "旧脚本", later(1))
    assert [t.name for t in await user_tokens(OFFICE, user.id)] == ["旧脚本", "数据对接"]
    with pytest.raises(PermissionDenied, match="无权查看"):
        await user_tokens(guilin, user.id)
    with pytest.raises(PermissionDenied, match="无权吊销访问令牌"):
        await revoke_user_token(guilin, gone.id, later(2))
    with pytest.raises(NotFound, match="没有这个账号"):
        await user_tokens(OFFICE, 999_999)
    with pytest.raises(NotFound, match="没有这个访问令牌"):
        await revoke_user_token(OFFICE, 999_999, later(2))
    revoked = await revoke_user_token(OFFICE, gone.id, later(3))
    assert revoked.revoked_at == later(3)
    with pytest.raises(Conflict, match="“旧脚本”已经吊销"):
        await revoke_user_token(OFFICE, gone.id, later(4))
    with pytest.raises(AuthenticationFailed):
        await authenticate(gone_secret)
    assert (await authenticate(kept_secret)).name == "guilin"  # the other one still works
    listed = {t.name: t.revoked_at for t in await user_tokens(OFFICE, user.id)}
    assert listed["旧脚本"] == later(3) and listed["数据对接"] is None
    # the account's history says who revoked which token, and when; never the secret
    event = await AuditEvent.get(
        object_type="User", object_id=str(user.id), action="user.token_revoked"
    )
    assert event.actor == OFFICE.name and event.occurred_at == later(3)
    assert event.after["name"] == "旧脚本" and event.after["token"] == gone.id
    assert gone_secret not in await _audit_text()
