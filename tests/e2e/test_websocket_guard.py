"""Websockets against a real server process: a revoked token closes its connection (4403), for
subscriptions opened before and for new ones, whether the command line or the office's
``revokeUserApiToken`` revoked it; browsers may upgrade only from the server's own
origin or one listed in TONGNAN_ALLOWED_ORIGINS; a subscriber never hears of a draft that is
not its own unit's."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.e2e.test_subscriptions import SUBSCRIBE, _graphql, _token
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

PROTOCOL = [websockets.Subprotocol("graphql-transport-ws")]


async def _connect(ws_url: str, token: str, **headers: str) -> Any:
    ws = await websockets.connect(
        ws_url,
        subprotocols=PROTOCOL,
        additional_headers={"Authorization": f"Bearer {token}", **headers},
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _closed_with(ws: Any) -> int | None:
    """Read until the server closes the connection (30 s at most); its close code."""
    try:
        async with asyncio.timeout(30):
            while True:
                await ws.recv()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


async def test_a_revoked_token_closes_its_websocket(db_url: DatabaseUrl) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    viewer = _token(db_url, None, "VIEWER")
    other = _token(db_url, None, "VIEWER")
    with running_server(db_url) as base:
        ws_url = base.replace("http://", "ws://") + "/graphql"
        before = await _connect(ws_url, viewer)
        await before.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
        )
        untouched = await _connect(ws_url, other)
        await asyncio.sleep(0.5)
        await asyncio.to_thread(cli, db_url, "token", "revoke", viewer[:10])
        # a new subscription on the same connection is refused, the open one ends
        with contextlib.suppress(ConnectionClosed):  # already closed: as good
            await before.send(
                json.dumps({"id": "2", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
            )
        assert await _closed_with(before) == 4403
        # another token's connection stays open
        await untouched.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(untouched.recv(), timeout=10))["type"] == "pong"
        await untouched.close()
        # and the revoked token cannot open a new connection
        again = await websockets.connect(
            ws_url, subprotocols=PROTOCOL, additional_headers={"Authorization": f"Bearer {viewer}"}
        )
        await again.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert await _closed_with(again) == 4403


async def test_the_office_revoking_a_users_token_closes_its_websocket(
    db_url: DatabaseUrl,
) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    office = _token(db_url, None, "OFFICE_ADMIN")
    town = _token(db_url, "双江镇", "UNIT_REPORTER")
    with running_server(db_url) as base:
        ws_url = base.replace("http://", "ws://") + "/graphql"
        ws = await _connect(ws_url, town)
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        users = _graphql(base, office, '{ users(unitName: "双江镇") { id } }', {})["users"]
        listed = _graphql(
            base,
            office,
            "query($u: ID!) { userApiTokens(userId: $u) { id prefix } }",
            {"u": users[0]["id"]},
        )["userApiTokens"]
        assert [t["prefix"] for t in listed] == [town[:10]]
        revoked = _graphql(
            base,
            office,
            "mutation($t: ID!) { revokeUserApiToken(input: {tokenId: $t}) "
            "{ token { revokedAt } userErrors { message } } }",
            {"t": listed[0]["id"]},
        )["revokeUserApiToken"]
        assert revoked["userErrors"] == [] and revoked["token"]["revokedAt"]
        assert await _closed_with(ws) == 4403


async def test_websocket_upgrades_check_the_origin(
    db_url: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    viewer = _token(db_url, None, "VIEWER")
    monkeypatch.setenv("TONGNAN_ALLOWED_ORIGINS", "https://workbench.example")
    with running_server(db_url) as base:
        ws_url = base.replace("http://", "ws://") + "/graphql"
        with pytest.raises(InvalidStatus) as refused:
            await _connect(ws_url, viewer, Origin="https://evil.example")
        assert refused.value.response.status_code == 403
        for origin in ({}, {"Origin": base}, {"Origin": "https://workbench.example"}):
            ws = await _connect(ws_url, viewer, **origin)
            await ws.close()


async def test_a_subscriber_never_hears_of_another_units_draft(db_url: DatabaseUrl) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    office = _token(db_url, None, "OFFICE_ADMIN")
    town = _token(db_url, "双江镇", "UNIT_REPORTER")
    with running_server(db_url) as base:
        opened = _graphql(
            base,
            office,
            """mutation { openReportingRound(input: {
            name: "2025年6月调度", dueDate: "2025-06-25", taskNumbers: [7], confirm: true})
            { round { id } } }""",
            {},
        )
        round_id = opened["openReportingRound"]["round"]["id"]
        ws_url = base.replace("http://", "ws://") + "/graphql"
        listeners = {
            key: await _connect(ws_url, token)
            for key, token in (("office", office), ("town", town))
        }
        for ws in listeners.values():
            await ws.send(
                json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
            )
        await asyncio.sleep(0.5)
        for version, mutation in enumerate(("saveProgressReport", "submitProgressReport")):
            done = await asyncio.to_thread(
                _graphql,
                base,
                town,
                "mutation($id: ID!, $version: Int!) { "
                + mutation
                + """(input: {roundId: $id, taskNumber: 7, expectedVersion: $version,
                summary: "进展", completion: 30}) { userErrors { message } } }""",
                {"id": round_id, "version": version},
            )
            assert done[mutation]["userErrors"] == []

        async def first_status(ws: Any) -> str:
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
                if message["type"] == "next":
                    return str(message["payload"]["data"]["progressReportChanged"]["status"])

        assert await first_status(listeners["town"]) == "DRAFT"  # its own draft
        assert await first_status(listeners["office"]) == "SUBMITTED"  # never the draft
        for ws in listeners.values():
            await ws.close()
