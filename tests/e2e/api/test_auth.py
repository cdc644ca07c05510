"""``/auth/*`` over HTTP, in process, with an injected clock: signing in (cookie attributes),
wrong passwords, the lock, signing out here and everywhere, idle and absolute expiry, a password
change ending the other sessions, CSRF refusals (Origin, non-JSON), hostile input, and the
cookie accepted by GraphQL and the PDF route."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support.accounts import GUILIN, OFFICE_ACCOUNT, login, open_accounts, session_cookie
from tests.support.api import Api, api_for
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.schema.common.ids import to_global_id

T0 = dt.datetime(2025, 6, 20, 9, 0, tzinfo=dt.UTC)
VIEWER = "{ viewer { name role unitName unit { name } permissions } }"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
async def auth_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(
        db_url,
        clock=clock,
        session_idle_seconds=600.0,
        session_absolute_seconds=3600.0,
        login_free_failures=2,
        login_delay_seconds=1.0,
        login_max_delay_seconds=4.0,
        login_lock_failures=4,
        login_lock_seconds=60.0,
        allowed_origins=("https://workbench.example",),
    ):
        await open_accounts()
        yield api


def later(clock: FixedClock, seconds: float) -> None:
    clock.set(clock.now() + dt.timedelta(seconds=seconds))


def other_client(api: Api, base: str = "http://test") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=api.app), base_url=base)


async def test_sign_in_sets_the_session_cookie(auth_api: Api) -> None:
    client = auth_api.client
    response = await login(client, *GUILIN)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "user": {"name": "guilin", "role": "UNIT_REPORTER", "unitName": "桂林街道"}
    }
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("tongnan_session=")
    parts = {p.strip().lower() for p in cookie.split(";")}
    assert {"httponly", "samesite=lax", "path=/"} <= parts and "secure" not in parts
    session = await client.get("/auth/session")
    assert session.status_code == 200
    assert session.json()["user"]["name"] == "guilin"
    assert session.json()["expiresAt"] == (T0 + dt.timedelta(seconds=600)).isoformat()
    async with other_client(auth_api, "https://test") as tls:
        secure = await login(tls, *GUILIN)
        assert "secure" in {p.strip().lower() for p in secure.headers["set-cookie"].split(";")}


async def test_wrong_passwords_slow_and_then_lock(auth_api: Api, clock: FixedClock) -> None:
    client = auth_api.client
    for _ in range(3):
        wrong = await login(client, "guilin", "not-the-password")
        assert wrong.status_code == 401
        assert wrong.json() == {"error": "用户名或密码不正确"}
    slowed = await login(client, *GUILIN)
    assert slowed.status_code == 429
    assert slowed.json()["retryAfterSeconds"] == 1 and slowed.headers["retry-after"] == "1"
    later(clock, 1)
    assert (await login(client, "guilin", "not-the-password")).status_code == 401
    locked = await login(client, *GUILIN)
    assert locked.status_code == 429 and locked.json()["retryAfterSeconds"] == 60
    assert "次数过多" in locked.json()["error"]
    later(clock, 60)
    assert (await login(client, *GUILIN)).status_code == 200
    assert (await login(client, "nobody", "whatever-2025")).status_code == 401


async def test_sign_out_here_and_everywhere(auth_api: Api) -> None:
    first = auth_api.client
    await login(first, *GUILIN)
    async with other_client(auth_api) as second, other_client(auth_api) as third:
        await login(second, *GUILIN)
        await login(third, *GUILIN)
        out = await first.post("/auth/logout", json={})
        assert out.status_code == 204
        assert (
            'tongnan_session=""' in out.headers["set-cookie"]
            or "Max-Age=0" in out.headers["set-cookie"]
        )
        assert (await first.get("/auth/session")).status_code == 401
        assert (await second.get("/auth/session")).status_code == 200
        assert (await second.post("/auth/logout-all", json={})).status_code == 204
        gone = await third.get("/auth/session")
        assert gone.status_code == 401 and gone.json() == {"error": "未登录或登录已过期"}


async def test_idle_and_absolute_expiry(auth_api: Api, clock: FixedClock) -> None:
    client = auth_api.client
    await login(client, *GUILIN)
    later(clock, 599)
    assert (await client.get("/auth/session")).status_code == 200  # used: 600 s more
    later(clock, 599)
    assert (await client.get("/auth/session")).status_code == 200
    later(clock, 600)
    assert (await client.get("/auth/session")).status_code == 401  # idle too long
    await login(client, *GUILIN)
    for _ in range(8):  # used every 500 s, yet over an hour after sign-in
        later(clock, 500)
        status = (await client.get("/auth/session")).status_code
    assert status == 401


async def test_a_password_change_ends_the_other_sessions(auth_api: Api) -> None:
    here = auth_api.client
    await login(here, *GUILIN)
    async with other_client(auth_api) as there:
        await login(there, *GUILIN)
        refused = await here.post(
            "/auth/password", json={"currentPassword": "wrong-one", "newPassword": "x-2025-new"}
        )
        assert refused.status_code == 400 and refused.json() == {"error": "当前密码不正确"}
        weak = await here.post(
            "/auth/password", json={"currentPassword": GUILIN[1], "newPassword": "short"}
        )
        assert weak.status_code == 400 and "至少" in weak.json()["error"]
        changed = await here.post(
            "/auth/password", json={"currentPassword": GUILIN[1], "newPassword": "guilin-new-2025"}
        )
        assert changed.status_code == 204
        assert (await here.get("/auth/session")).status_code == 200
        assert (await there.get("/auth/session")).status_code == 401
        assert (await login(there, "guilin", "guilin-new-2025")).status_code == 200


async def test_state_changing_requests_need_json_from_an_allowed_origin(auth_api: Api) -> None:
    client = auth_api.client
    body = {"username": GUILIN[0], "password": GUILIN[1]}
    evil = await client.post("/auth/login", json=body, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and "Origin" in evil.json()["error"]
    form = await client.post("/auth/login", data=body)
    assert form.status_code == 415 and "JSON" in form.json()["error"]
    plain = await client.post(
        "/auth/login", content=b'{"username":"guilin"}', headers={"Content-Type": "text/plain"}
    )
    assert plain.status_code == 415
    for origin in ("http://test", "https://workbench.example"):
        ok = await client.post("/auth/login", json=body, headers={"Origin": origin})
        assert ok.status_code == 200
    await client.post("/auth/login", json=body)
    cross = await client.post(
        "/auth/logout-all", json={}, headers={"Origin": "https://evil.example"}
    )
    assert cross.status_code == 403
    assert (await client.get("/auth/session")).status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"username": "x" * 10_000, "password": "whatever-2025"}, 400),
        ({"username": "gui\x00lin", "password": "whatever-2025"}, 400),
        ({"username": "guilin", "password": 12345678}, 400),
        ({"username": "guilin", "password": None}, 400),
        ({"username": ["guilin"], "password": "whatever-2025"}, 400),
        ({"username": "guilin"}, 400),
        ([], 400),
        ("guilin", 400),
        ({"username": "guilin", "password": "\x00" * 50}, 401),
        ({"username": "guilin", "password": "p" * 5000}, 401),
        ({"username": "x" * 100_000, "password": "whatever-2025"}, 413),
    ],
)
async def test_hostile_sign_in_bodies_are_refused_in_chinese(
    auth_api: Api, body: object, status: int
) -> None:
    response = await auth_api.client.post("/auth/login", json=body)
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert any("\u4e00" <= c <= "\u9fff" for c in message)


async def test_the_cookie_signs_graphql_in(auth_api: Api) -> None:
    client = auth_api.client
    assert (await client.post("/graphql", json={"query": VIEWER})).json()["data"]["viewer"] is None
    await login(client, *GUILIN)
    viewer = (await client.post("/graphql", json={"query": VIEWER})).json()["data"]["viewer"]
    assert viewer["name"] == "guilin" and viewer["unit"]["name"] == "桂林街道"
    assert "report.submit" in viewer["permissions"]
    await client.post("/auth/logout", json={})
    client.cookies.set("tongnan_session", "a-secret-that-was-never-issued")
    stale = await client.post("/graphql", json={"query": VIEWER})
    assert stale.status_code == 401 and "登录" in stale.text


async def test_the_office_manages_accounts_through_graphql(auth_api: Api) -> None:
    client = auth_api.client
    await login(client, *OFFICE_ACCOUNT)
    users = (
        await client.post(
            "/graphql",
            json={
                "query": '{ users(unitName: "桂林街道") { id name role unitName disabled '
                "version lastSignInAt } }"
            },
        )
    ).json()["data"]["users"]
    assert [u["name"] for u in users] == ["guilin"] and users[0]["lastSignInAt"] is None
    async with other_client(auth_api) as town:
        await login(town, *GUILIN)
        refused = (await town.post("/graphql", json={"query": "{ users { name } }"})).json()
        assert "无权" in refused["errors"][0]["message"]
        disabled = (
            await client.post(
                "/graphql",
                json={
                    "query": "mutation($id: ID!, $v: Int!) { disableUser(input: {userId: $id, "
                    "expectedVersion: $v}) { user { disabled version } userErrors { message } } }",
                    "variables": {"id": users[0]["id"], "v": users[0]["version"]},
                },
            )
        ).json()["data"]["disableUser"]
        assert disabled == {"user": {"disabled": True, "version": 2}, "userErrors": []}
        assert (await town.get("/auth/session")).status_code == 401
        assert (await login(town, *GUILIN)).status_code == 403


async def test_each_user_manages_their_own_tokens(auth_api: Api) -> None:
    client = auth_api.client
    await login(client, *GUILIN)
    created = (
        await client.post(
            "/graphql",
            json={
                "query": 'mutation { createApiToken(input: {name: "数据对接"}) { token { id name '
                "prefix createdAt lastUsedAt revokedAt } secret userErrors { message } } }"
            },
        )
    ).json()["data"]["createApiToken"]
    secret, token = created["secret"], created["token"]
    assert secret.startswith(token["prefix"]) and token["name"] == "数据对接"
    bearer = await auth_api.client.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert bearer.json()["data"]["viewer"]["name"] == "guilin"
    mine = (
        await client.post("/graphql", json={"query": "{ myApiTokens { name lastUsedAt } }"})
    ).json()["data"]["myApiTokens"]
    assert mine[0]["name"] == "数据对接" and mine[0]["lastUsedAt"] is not None
    revoked = (
        await client.post(
            "/graphql",
            json={
                "query": "mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) "
                "{ token { revokedAt } userErrors { message } } }",
                "variables": {"id": token["id"]},
            },
        )
    ).json()["data"]["revokeApiToken"]
    assert revoked["token"]["revokedAt"] is not None and revoked["userErrors"] == []
    again = await auth_api.client.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert again.status_code == 401


OFFICE_TOKENS = (
    "query($u: ID!) { userApiTokens(userId: $u) { id name prefix createdAt lastUsedAt revokedAt } }"
)
REVOKE_ANY = (
    "mutation($t: ID!) { revokeUserApiToken(input: {tokenId: $t}) "
    "{ token { id revokedAt } userErrors { field message } } }"
)


async def test_the_office_lists_and_revokes_any_users_tokens(auth_api: Api) -> None:
    office = auth_api.client
    await login(office, *OFFICE_ACCOUNT)
    async with other_client(auth_api) as town:
        await login(town, *GUILIN)
        made = (
            await town.post(
                "/graphql",
                json={"query": 'mutation { createApiToken(input: {name: "数据对接"}) { secret } }'},
            )
        ).json()["data"]["createApiToken"]["secret"]
        bearer = {"Authorization": f"Bearer {made}"}
        assert (await town.post("/graphql", json={"query": VIEWER}, headers=bearer)).is_success
        users = (
            await office.post("/graphql", json={"query": '{ users(unitName: "桂林街道") { id } }'})
        ).json()["data"]["users"]
        listed = (
            await office.post(
                "/graphql", json={"query": OFFICE_TOKENS, "variables": {"u": users[0]["id"]}}
            )
        ).json()["data"]["userApiTokens"]
        assert [(t["name"], t["prefix"]) for t in listed] == [("数据对接", made[:10])]
        assert listed[0]["lastUsedAt"] is not None and listed[0]["revokedAt"] is None
        # a town may neither list another's tokens nor revoke any through the office's way
        refused = (
            await town.post(
                "/graphql", json={"query": OFFICE_TOKENS, "variables": {"u": users[0]["id"]}}
            )
        ).json()
        assert "无权查看" in refused["errors"][0]["message"]
        own_try = (
            await town.post(
                "/graphql", json={"query": REVOKE_ANY, "variables": {"t": listed[0]["id"]}}
            )
        ).json()["data"]["revokeUserApiToken"]
        assert (
            own_try["token"] is None and "无权吊销访问令牌" in own_try["userErrors"][0]["message"]
        )
        assert (await town.post("/graphql", json={"query": VIEWER}, headers=bearer)).is_success

        async def revoke(token_id: str) -> dict[str, Any]:
            answer = await office.post(
                "/graphql", json={"query": REVOKE_ANY, "variables": {"t": token_id}}
            )
            payload: dict[str, Any] = answer.json()["data"]["revokeUserApiToken"]
            return payload

        done = await revoke(listed[0]["id"])
        assert done["userErrors"] == [] and done["token"]["revokedAt"] is not None
        # it stops working at once
        stale = await town.post("/graphql", json={"query": VIEWER}, headers=bearer)
        assert stale.status_code == 401
        again = await revoke(listed[0]["id"])
        assert again["token"] is None
        assert "已经吊销" in again["userErrors"][0]["message"]
        assert again["userErrors"][0]["field"] == ["tokenId"]
        unknown = await revoke(to_global_id("ApiToken", 987_654))
        assert "没有这个访问令牌" in unknown["userErrors"][0]["message"]
        wrong_kind = await revoke(users[0]["id"])
        assert "应为" in wrong_kind["userErrors"][0]["message"]
        after = (
            await office.post(
                "/graphql", json={"query": OFFICE_TOKENS, "variables": {"u": users[0]["id"]}}
            )
        ).json()["data"]["userApiTokens"]
        assert after[0]["revokedAt"] == done["token"]["revokedAt"]


async def test_the_pdf_route_accepts_the_cookie(auth_api: Api) -> None:
    client = auth_api.client
    anonymous = await client.get("/documents/1.pdf")
    assert anonymous.status_code == 401
    await login(client, *OFFICE_ACCOUNT)
    signed_in = await client.get("/documents/999999.pdf")
    assert signed_in.status_code == 404  # past the credentials: no such document
    assert session_cookie(await login(client, *OFFICE_ACCOUNT))


@pytest.mark.parametrize(
    ("name", "unit", "password", "field"),
    [
        ("x" * 5000, "桂林街道", "good-pass-2025", "name"),
        ("new-user", "镇" * 5000, "good-pass-2025", "unitName"),
        ("new-user", "桂林街道", "short", "password"),
        ("guilin", "桂林街道", "good-pass-2025", "name"),
        ("new-user", "单位组不存在", "good-pass-2025", "unitName"),
    ],
)
async def test_create_user_refuses_bad_input_as_user_errors(
    auth_api: Api, name: str, unit: str, password: str, field: str
) -> None:
    await login(auth_api.client, *OFFICE_ACCOUNT)
    answer = await auth_api.client.post(
        "/graphql",
        json={
            "query": "mutation($n: String!, $u: String, $p: String!) { createUser(input: "
            "{name: $n, unitName: $u, role: UNIT_REPORTER, password: $p}) { user { name } "
            "userErrors { field message code } } }",
            "variables": {"n": name, "u": unit, "p": password},
        },
    )
    assert answer.status_code == 200
    payload = answer.json()["data"]["createUser"]
    assert payload["user"] is None and payload["userErrors"][0]["field"] == [field]


async def test_a_new_token_is_listed_at_once(auth_api: Api) -> None:
    """The list read before a token is made is not answered again from the response cache."""
    client = auth_api.client
    await login(client, *GUILIN)
    mine = "{ myApiTokens { name } }"
    before = (await client.post("/graphql", json={"query": mine})).json()["data"]["myApiTokens"]
    made = 'mutation { createApiToken(input: {name: "报表程序"}) { userErrors { message } } }'
    assert (await client.post("/graphql", json={"query": made})).status_code == 200
    after = (await client.post("/graphql", json={"query": mine})).json()["data"]["myApiTokens"]
    assert [t["name"] for t in after] == ["报表程序", *(t["name"] for t in before)]


async def test_account_lists_are_read_again_after_each_account_write(auth_api: Api) -> None:
    """A new account and a reset password show at once, not from the response cache."""
    client = auth_api.client
    await login(client, *OFFICE_ACCOUNT)
    listed = '{ users(unitName: "桂林街道") { id name version } }'

    async def users() -> list[dict[str, object]]:
        answer = await client.post("/graphql", json={"query": listed})
        return list(answer.json()["data"]["users"])

    assert [u["name"] for u in await users()] == ["guilin"]
    made = (
        'mutation { createUser(input: {name: "guilin-2", unitName: "桂林街道", '
        'role: UNIT_REPORTER, password: "good-pass-2025"}) { userErrors { message } } }'
    )
    assert (await client.post("/graphql", json={"query": made})).status_code == 200
    after = await users()
    assert [u["name"] for u in after] == ["guilin", "guilin-2"]
    reset = (
        "mutation($id: ID!, $v: Int!) { resetUserPassword(input: {userId: $id, "
        'newPassword: "other-pass-2025", expectedVersion: $v}) { userErrors { message } } }'
    )
    variables = {"id": after[1]["id"], "v": after[1]["version"]}
    answer = await client.post("/graphql", json={"query": reset, "variables": variables})
    assert answer.json()["data"]["resetUserPassword"]["userErrors"] == []
    assert (await users())[1]["version"] == int(str(after[1]["version"])) + 1


async def test_an_accounts_record_is_read_by_the_office_alone(auth_api: Api) -> None:
    """A user is a node for the office: its history (created, signed in, reset) through
    ``history(id:)``; a town asking for the same id gets nothing."""
    client = auth_api.client
    await login(client, *OFFICE_ACCOUNT)
    listed = '{ users(unitName: "桂林街道") { id version } }'
    guilin = (await client.post("/graphql", json={"query": listed})).json()["data"]["users"][0]
    reset = (
        "mutation($id: ID!, $v: Int!) { resetUserPassword(input: {userId: $id, "
        'newPassword: "other-pass-2025", expectedVersion: $v}) { userErrors { message } } }'
    )
    variables = {"id": guilin["id"], "v": guilin["version"]}
    answer = await client.post("/graphql", json={"query": reset, "variables": variables})
    assert answer.json()["data"]["resetUserPassword"]["userErrors"] == []
    asked = "query($id: ID!) { node(id: $id) { __typename id } history(id: $id) { action actor } }"
    seen = await client.post("/graphql", json={"query": asked, "variables": {"id": guilin["id"]}})
    data = seen.json()["data"]
    assert data["node"] == {"__typename": "User", "id": guilin["id"]}
    actions = [h["action"] for h in data["history"]]
    assert actions[0] == "user.created" and actions[-1] == "user.password_reset", actions
    async with other_client(auth_api) as town:
        await login(town, GUILIN[0], "other-pass-2025")
        hidden = await town.post(
            "/graphql", json={"query": asked, "variables": {"id": guilin["id"]}}
        )
        assert hidden.json()["data"] == {"node": None, "history": []}
