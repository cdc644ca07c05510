"""Concurrency on PostgreSQL: many clients at once, retries of the same key, racing reviewers."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.api import Api, api_for
from tests.support.files import TEST_AUDIT_KEY
from tongnan.domain.common import audit
from tongnan.domain.common.audit_key import parse_key
from tongnan.domain.common.audit_verify import verify_trail
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.models import AuditEvent, AuditSeal, ProgressReport, Unit

CLIENTS = 50
REPORTS = 2000
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status } userErrors { code message } } }"""


@pytest.fixture
async def pg_api(pg_db_url: DatabaseUrl) -> AsyncIterator[Api]:
    clock = FixedClock(dt.datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ))
    async for api in api_for(pg_db_url, clock=clock, audit_seal_interval_seconds=0.01):
        yield api


async def _open_rounds(api: Api, count: int) -> list[str]:
    ids = []
    for month in range(1, count + 1):
        data = await api.data(
            """mutation($name: String!) { openReportingRound(input: {name: $name,
                 dueDate: "2025-12-31"}) { round { id } userErrors { message } } }""",
            {"name": f"2025年第{month}次调度"},
            token="office",
        )
        ids.append(data["openReportingRound"]["round"]["id"])
    return ids


async def test_2000_concurrent_submissions_with_retries(pg_api: Api) -> None:
    api = pg_api
    towns = await Unit.filter(kind__in=[UnitKind.TOWN, UnitKind.SUBDISTRICT]).order_by("position")
    for town in towns:
        await api.token_for(town.name, town.name, Role.UNIT_REPORTER)
    town_tasks = [1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22]  # via 各镇街
    rounds = await _open_rounds(api, 6)
    jobs = list(
        itertools.islice(
            ((r, t, town.name) for r in rounds for t in town_tasks for town in towns), REPORTS
        )
    )
    assert len(jobs) == REPORTS
    gate = asyncio.Semaphore(CLIENTS)
    outcomes: dict[tuple[str, int, str], list[str]] = {}

    async def submit(job: tuple[str, int, str]) -> None:
        round_id, task, town = job
        body: dict[str, Any] = {
            "roundId": round_id,
            "taskNumber": task,
            "summary": f"{town}进展",
            "completion": 50,
            "expectedVersion": 0,
            "idempotencyKey": f"{round_id}/{task}",
        }
        async with gate:
            data = await api.data(SUBMIT, {"input": body}, token=town)
        payload = data["submitProgressReport"]
        assert payload["userErrors"] == [], payload["userErrors"]
        outcomes.setdefault(job, []).append(payload["report"]["id"])

    # every submission is sent twice at once: a client retrying with the same key
    await asyncio.gather(*(submit(job) for job in jobs for _ in range(2)))

    assert all(len(set(ids)) == 1 for ids in outcomes.values())  # the retry got the first result
    assert await ProgressReport.all().count() == REPORTS
    assert await AuditEvent.filter(action="report.submitted").count() == REPORTS
    report = await audit.verify_chain()
    assert report.ok, report
    assert report.events == await AuditEvent.all().count()
    # sealed while the submissions ran (every 10 ms): each event in exactly one seal
    for _ in range(2000):
        if sum(s.event_count for s in await AuditSeal.all()) >= report.events:
            break
        await asyncio.sleep(0.01)
    now = dt.datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ)
    trail = await verify_trail(parse_key(TEST_AUDIT_KEY), now, dt.timedelta(seconds=1))
    assert trail.ok, trail.problems[:5]
    assert (trail.events, trail.unsealed_recent) == (report.events, 0)
    assert trail.seals > 1


async def test_two_reviewers_race_one_wins_the_other_gets_conflict(pg_api: Api) -> None:
    api = pg_api
    await api.token_for("agri", "区农业农村委", Role.UNIT_REPORTER)
    (round_id,) = await _open_rounds(api, 1)
    submitted = await api.data(
        SUBMIT,
        {
            "input": {
                "roundId": round_id,
                "taskNumber": 7,
                "summary": "进展",
                "completion": 50,
                "expectedVersion": 0,
            }
        },
        token="shuangjiang",
    )
    report_id = submitted["submitProgressReport"]["report"]["id"]
    review = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
        report { status } userErrors { code } } }"""

    for attempt in range(5):  # several races, so both orders of arrival are exercised
        if attempt:
            # return it so it can be resubmitted and raced again
            returned = (await ProgressReport.get(id=int(_key(report_id)))).version
            await api.data(
                SUBMIT,
                {
                    "input": {
                        "roundId": round_id,
                        "taskNumber": 7,
                        "summary": f"第{attempt}次",
                        "completion": 50,
                        "expectedVersion": returned,
                    }
                },
                token="shuangjiang",
            )
        version = (await ProgressReport.get(id=int(_key(report_id)))).version
        results = await asyncio.gather(
            api.data(
                review,
                {
                    "input": {
                        "reportId": report_id,
                        "decision": "RETURN",
                        "comment": "补充材料",
                        "expectedVersion": version,
                    }
                },
                token="hr",
            ),
            api.data(
                review,
                {
                    "input": {
                        "reportId": report_id,
                        "decision": "RETURN",
                        "comment": "数据有误",
                        "expectedVersion": version,
                    }
                },
                token="agri",
            ),
        )
        errors = [r["reviewProgressReport"]["userErrors"] for r in results]
        codes = sorted(e[0]["code"] if e else "OK" for e in errors)
        assert codes == ["CONFLICT", "OK"]
        assert await AuditEvent.filter(action="report.returned").count() == attempt + 1


def _key(global_id: str) -> int:
    from tongnan.schema.common.ids import from_global_id

    return from_global_id(global_id)[1]
