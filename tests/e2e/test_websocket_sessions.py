"""Websockets signed in the browser's ways, against a real server process: by the session cookie
on the upgrade, or by connection_init's payload ``{"Authorization": "Bearer …"}``; both hear
their unit's draft; ending the sessions (sign-out everywhere) closes the cookie's connection
with 4403 while the token's stays open. Accounts are opened with ``tongnan user create``."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import httpx
import websockets
from websockets.exceptions import ConnectionClosed

from tests.e2e.test_subscriptions import SUBSCRIBE, _graphql, _token
from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

PROTOCOL = [websockets.Subprotocol("graphql-transport-ws")]
PASSWORD = "town-demo-2025"


async def _open(ws_url: str, payload: dict[str, Any], **headers: str) -> Any:
    ws = await websockets.connect(ws_url, subprotocols=PROTOCOL, additional_headers=headers)
    await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
    return ws


async def _closed_with(ws: Any) -> int | None:
    try:
        async with asyncio.timeout(30):
            while True:
                await ws.recv()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


async def _first_status(ws: Any) -> str:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
        assert message["type"] != "error", message
        if message["type"] == "next":
            return str(message["payload"]["data"]["progressReportChanged"]["status"])


async def test_cookie_and_connection_params_sign_websockets_in(db_url: DatabaseUrl) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    made = cli(
        db_url,
        "user",
        "create",
        "guilin",
        "--unit",
        "桂林街道",
        "--role",
        "UNIT_REPORTER",
        "--password",
        PASSWORD,
    )
    assert "guilin" in made and PASSWORD not in made
    office = _token(db_url, None, "OFFICE_ADMIN")
    with running_server(db_url) as base:
        ws_url = base.replace("http://", "ws://") + "/graphql"
        async with httpx.AsyncClient(base_url=base, timeout=30) as browser:
            signed = await browser.post(
                "/auth/login", json={"username": "guilin", "password": PASSWORD}
            )
            assert signed.status_code == 200, signed.text
            cookie = f"tongnan_session={signed.cookies['tongnan_session']}"
            secret = (
                await browser.post(
                    "/graphql",
                    json={"query": 'mutation { createApiToken(input: {name: "ws"}) { secret } }'},
                )
            ).json()["data"]["createApiToken"]["secret"]

            by_cookie = await _open(ws_url, {}, Cookie=cookie)
            by_params = await _open(ws_url, {"Authorization": f"Bearer {secret}"})
            for ws in (by_cookie, by_params):
                assert json.loads(await ws.recv())["type"] == "connection_ack"
                await ws.send(
                    json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
                )
            refused = await _open(ws_url, {"Authorization": "Bearer tn_never-issued"})
            assert await _closed_with(refused) == 4403
            await asyncio.sleep(0.5)

            opened = _graphql(
                base,
                office,
                """mutation { openReportingRound(input: {name: "2025年6月调度",
                dueDate: "2025-06-25", taskNumbers: [7], confirm: true}) { round { id } } }""",
                {},
            )
            saved = (
                await browser.post(  # a mutation signed in by the cookie
                    "/graphql",
                    json={
                        "query": """mutation($id: ID!) { saveProgressReport(input: {roundId: $id,
                    taskNumber: 7, expectedVersion: 0, summary: "进展", completion: 30})
                    { userErrors { message } } }""",
                        "variables": {"id": opened["openReportingRound"]["round"]["id"]},
                    },
                )
            ).json()
            assert saved["data"]["saveProgressReport"]["userErrors"] == [], saved
            assert await _first_status(by_cookie) == "DRAFT"
            assert await _first_status(by_params) == "DRAFT"

            ended = await browser.post("/auth/logout-all", json={})
            assert ended.status_code == 204
            assert await _closed_with(by_cookie) == 4403
            await by_params.send(json.dumps({"type": "ping"}))  # the token's stays open
            assert json.loads(await asyncio.wait_for(by_params.recv(), 10))["type"] == "pong"
            await by_params.close()
            stale = await _open(ws_url, {}, Cookie=cookie)  # and the cookie opens no other
            assert await _closed_with(stale) == 4403
            with contextlib.suppress(Exception):
                await by_cookie.close()
