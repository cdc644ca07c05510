"""Subscriptions over graphql-transport-ws against real server processes.

On PostgreSQL two server processes share the database: a subscriber on one hears a submission
made through the other (LISTEN/NOTIFY). On SQLite one process serves both (in-process feed).
"""

from __future__ import annotations

import asyncio
import json
from contextlib import ExitStack
from typing import Any

import httpx
import websockets

from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

SUBSCRIBE = """subscription { progressReportChanged(taskNumber: 7) {
  taskNumber unitName status version } }"""


def _token(url: DatabaseUrl, unit: str | None, role: str) -> str:
    args = ["token", "create", "--role", role] + (["--unit", unit] if unit else [])
    return cli(url, *args).strip().splitlines()[-1]


def _graphql(base: str, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _next_event(
    ws_url: str, token: str, ready: asyncio.Event, query: str = SUBSCRIBE
) -> dict[str, Any]:
    async with websockets.connect(
        ws_url,
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        additional_headers={"Authorization": f"Bearer {token}"},
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        await asyncio.sleep(0.5)  # the subscription is registered once the server reads it
        ready.set()
        while True:
            frame = await asyncio.wait_for(ws.recv(), timeout=20)
            # text frames only: the browser's graphql-ws client drops a binary one
            assert isinstance(frame, str), frame
            message = json.loads(frame)
            if message["type"] == "next":
                event: dict[str, Any] = message["payload"]
                return event
            assert message["type"] != "error", message


async def test_a_subscriber_hears_a_submission_made_elsewhere(db_url: DatabaseUrl) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    office = _token(db_url, None, "OFFICE_ADMIN")
    town = _token(db_url, "双江镇", "UNIT_REPORTER")
    viewer = _token(db_url, None, "VIEWER")
    with ExitStack() as stack:
        writer = stack.enter_context(running_server(db_url))
        # PostgreSQL: a second process; SQLite: the same one (it has no NOTIFY)
        listener = writer if db_url.is_sqlite else stack.enter_context(running_server(db_url))
        opened = _graphql(
            writer,
            office,
            """mutation { openReportingRound(input: {
            name: "2025年6月调度", dueDate: "2025-06-25", taskNumbers: [7], confirm: true})
            { round { id } } }""",
            {},
        )
        round_id = opened["openReportingRound"]["round"]["id"]

        ready = asyncio.Event()
        ws_url = listener.replace("http://", "ws://") + "/graphql"
        waiting = asyncio.create_task(_next_event(ws_url, viewer, ready))
        await asyncio.wait_for(ready.wait(), timeout=20)
        submitted = await asyncio.to_thread(
            _graphql,
            writer,
            town,
            """mutation($id: ID!) { submitProgressReport(input: {roundId: $id, taskNumber: 7,
                summary: "进展", completion: 30, expectedVersion: 0}) {
                report { status } userErrors { message } } }""",
            {"id": round_id},
        )
        assert submitted["submitProgressReport"]["userErrors"] == []
        event = await asyncio.wait_for(waiting, timeout=30)

    assert event == {
        "data": {
            "progressReportChanged": {
                "taskNumber": 7,
                "unitName": "双江镇",
                "status": "SUBMITTED",
                "version": 1,
            }
        }
    }


INBOX = """subscription { notificationReceived { unitId event title read } }"""

URGE = """mutation($unit: String!) { issueUrgeNotice(input: {unitName: $unit}) {
  urgeNotice { id } userErrors { message } } }"""


async def test_a_unit_hears_its_own_new_notifications_at_once(db_url: DatabaseUrl) -> None:
    """The bell rings live: an urge notice issued on one server process reaches the town's
    subscription on another, and another town's notification written first never does."""
    cli(db_url, "import-plan", str(PLAN_FILE))
    office = _token(db_url, None, "OFFICE_ADMIN")
    town = _token(db_url, "双江镇", "UNIT_REPORTER")
    with ExitStack() as stack:
        writer = stack.enter_context(running_server(db_url))
        listener = writer if db_url.is_sqlite else stack.enter_context(running_server(db_url))
        # a round already past its due date: both towns owe overdue reports to be urged about
        _graphql(
            writer,
            office,
            """mutation { openReportingRound(input: {
            name: "2025年6月调度", dueDate: "2025-06-25", taskNumbers: [7], confirm: true})
            { round { id } } }""",
            {},
        )
        own_unit = _graphql(listener, town, "{ viewer { unit { id } } }", {})["viewer"]["unit"]

        ready = asyncio.Event()
        ws_url = listener.replace("http://", "ws://") + "/graphql"
        waiting = asyncio.create_task(_next_event(ws_url, town, ready, INBOX))
        await asyncio.wait_for(ready.wait(), timeout=20)
        for unit in ("花岩镇", "双江镇"):  # another town's first: 双江镇 must not hear it
            urged = await asyncio.to_thread(_graphql, writer, office, URGE, {"unit": unit})
            assert urged["issueUrgeNotice"]["userErrors"] == [], urged
        event = await asyncio.wait_for(waiting, timeout=30)

    received = event["data"]["notificationReceived"]
    assert (received["unitId"], received["event"], received["read"]) == (
        own_unit["id"],
        "URGE_ISSUED",
        False,
    )
    assert "催办" in received["title"]
