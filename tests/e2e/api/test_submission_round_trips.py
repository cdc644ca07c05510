"""One progress submission on PostgreSQL costs at most ten database round trips, all told.

Counted on the wire (``tests.support.wire``): the caller's token, the transaction, the
idempotency and version checks, the writes, the audit event, the change notice, the pool's
handling of connections and the payload's reads, for a first submission and for a resubmission
of a returned report (the version-checked update).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from tests.support.api import Api, api_for
from tests.support.wire import postgres_round_trips
from tongnan.domain.common.changes import CHANNEL, Change, parse_notification
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import AuditEvent, IdempotencyKey, ProgressReport
from tongnan.schema.common.ids import from_global_id

MOST = 10
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status version } userErrors { code message } } }"""
OPEN = """mutation { openReportingRound(input: {name: "2025年6月调度", dueDate: "2025-06-25"}) {
  round { id } userErrors { message } } }"""
RETURN = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
  report { version } userErrors { code } } }"""


@pytest.fixture
async def pg_api(pg_db_url: DatabaseUrl) -> AsyncIterator[Api]:
    clock = FixedClock(dt.datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ))
    async for api in api_for(pg_db_url, clock=clock):
        yield api


def _input(round_id: str, task: int, version: int, key: str | None) -> dict[str, Any]:
    return {
        "input": {
            "roundId": round_id,
            "taskNumber": task,
            "summary": "开发公益性岗位120个",
            "completion": 40,
            "expectedVersion": version,
            "idempotencyKey": key,
        }
    }


async def _submit(api: Api, variables: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    with postgres_round_trips() as trips:
        data = await api.data(SUBMIT, variables, token="shuangjiang")
    payload = data["submitProgressReport"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["report"], trips


async def test_a_submission_takes_at_most_ten_round_trips(pg_api: Api) -> None:
    api = pg_api
    round_id = (await api.data(OPEN, token="office"))["openReportingRound"]["round"]["id"]
    # a first submission warms the connections' statement caches, as any server's first minute
    await _submit(api, _input(round_id, 5, 0, "warm-up"))

    report, trips = await _submit(api, _input(round_id, 7, 0, "june/7"))
    assert report["status"] == "SUBMITTED"
    assert len(trips) <= MOST, "\n".join(trips)
    # the change notice for other processes goes with the audit event, not on its own
    assert not any("SELECT pg_notify" in trip for trip in trips), "\n".join(trips)
    assert any("WITH event AS (INSERT INTO audit_event" in trip for trip in trips), trips

    # the retry with the same key: the first result, nothing written
    again, retry_trips = await _submit(api, _input(round_id, 7, 0, "june/7"))
    assert again["id"] == report["id"]
    assert len(retry_trips) <= MOST, "\n".join(retry_trips)

    # returned by its reviewer, then resubmitted over the version it read
    returned = await api.data(
        RETURN,
        {
            "input": {
                "reportId": report["id"],
                "decision": "RETURN",
                "comment": "补充材料",
                "expectedVersion": report["version"],
            }
        },
        token="hr",
    )
    version = returned["reviewProgressReport"]["report"]["version"]
    resubmitted, edit_trips = await _submit(api, _input(round_id, 7, version, None))
    assert resubmitted["version"] == version + 1
    assert len(edit_trips) <= MOST, "\n".join(edit_trips)

    assert await ProgressReport.filter(task__number=7).count() == 1
    assert await IdempotencyKey.filter(key="june/7").count() == 1
    assert await AuditEvent.filter(action="report.submitted").count() == 3


async def test_other_processes_hear_of_a_submission(pg_api: Api, pg_db_url: DatabaseUrl) -> None:
    """The notice sent with the audit event reaches a listener once the submission commits."""
    heard: asyncio.Queue[str] = asyncio.Queue()
    listener = await asyncpg.connect(pg_db_url.asyncpg_dsn())
    try:
        await listener.add_listener(CHANNEL, lambda *args: heard.put_nowait(args[-1]))
        round_id = (await pg_api.data(OPEN, token="office"))["openReportingRound"]["round"]["id"]
        report, _ = await _submit(pg_api, _input(round_id, 7, 0, "june/7"))

        async def report_notice() -> Change:
            while True:  # the round's own notices come first
                change = parse_notification(await heard.get())
                if change is not None and change.kind == "report":
                    return change

        change = await asyncio.wait_for(report_notice(), timeout=10)
    finally:
        await listener.close()
    assert change.data["status"] == "SUBMITTED" and change.data["task_number"] == 7, change
    assert change.data["report_id"] == int(from_global_id(report["id"])[1]), change
