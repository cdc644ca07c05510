"""A whole reporting round through the API, on both backends, with an injected clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.api import Api, api_for
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role
from tongnan.domain.models import AuditEvent, ProgressReport

START = dt.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def round_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(db_url, clock=clock):
        yield api


OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id name status dueDate taskNumbers } obligations unresolved
  userErrors { field message code } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status version late completion unit { name } values { value attainment } }
  userErrors { field message code } } }"""
SAVE = SUBMIT.replace("submitProgressReport", "saveProgressReport")
REVIEW = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
  report { id status version reviewedBy reviewComment } userErrors { field message code } } }"""
ROUND = """query($id: ID!) { round(id: $id) { name tasks { task { number warningLevel }
  owed submitted accepted returned late warningLevel
  reports { unit { name } status }
  targets { target { metric } attainment attained notAttained } } } }"""


async def _ok(
    api: Api, query: str, input: dict[str, Any], token: str, field: str
) -> dict[str, Any]:
    payload = (await api.data(query, {"input": input}, token=token))[field]
    assert payload["userErrors"] == [], payload["userErrors"]
    result: dict[str, Any] = payload
    return result


async def test_a_whole_round(round_api: Api, clock: FixedClock) -> None:
    api = round_api
    for key, unit in (("ndrc", "区发展改革委"), ("agri", "区农业农村委"), ("huayan", "花岩镇")):
        await api.token_for(key, unit, Role.UNIT_REPORTER)

    opened = await _ok(
        api,
        OPEN,
        {"name": "2025年6月调度", "kind": "MONTHLY", "dueDate": "2025-06-25"},
        "office",
        "openReportingRound",
    )
    round_id = opened["round"]["id"]
    assert opened["round"]["taskNumbers"] == list(range(1, 23))
    assert opened["obligations"] > 300
    assert any("相关镇街" in note for note in opened["unresolved"])

    targets = (await api.data("{ task(number: 7) { targets { id metric } } }"))["task"]["targets"]
    report = {
        "roundId": round_id,
        "taskNumber": 7,
        "summary": "开发公益性岗位120个",
        "completion": 40,
        "expectedVersion": 0,
        "values": [
            {"targetId": targets[0]["id"], "value": "1"},
            {"targetId": targets[1]["id"], "value": "24500"},
        ],
    }
    draft = await _ok(api, SAVE, report, "shuangjiang", "saveProgressReport")
    assert draft["report"]["status"] == "DRAFT"

    submitted = await _ok(
        api, SUBMIT, {**report, "expectedVersion": 1}, "shuangjiang", "submitProgressReport"
    )
    assert submitted["report"]["status"] == "SUBMITTED"
    assert submitted["report"]["late"] is False
    # a town's share of the district's employment total is not judged on its own
    assert [v["attainment"] for v in submitted["report"]["values"]] == [
        "ATTAINED",
        "NOT_APPLICABLE",
    ]
    report_id, version = submitted["report"]["id"], submitted["report"]["version"]

    # the three lead units see it
    for lead in ("hr", "ndrc", "agri"):
        seen = (await api.data(ROUND, {"id": round_id}, token=lead))["round"]["tasks"][6]
        assert {"unit": {"name": "双江镇"}, "status": "SUBMITTED"} in seen["reports"]

    # a town is not a reviewer; the office does not review a town's report either
    refused = (
        await api.data(
            REVIEW,
            {"input": {"reportId": report_id, "decision": "ACCEPT", "expectedVersion": 2}},
            token="huayan",
        )
    )["reviewProgressReport"]
    assert [e["code"] for e in refused["userErrors"]] == ["FORBIDDEN"]
    assert "区人力社保局、区发展改革委、区农业农村委" in refused["userErrors"][0]["message"]

    returned = await _ok(
        api,
        REVIEW,
        {
            "reportId": report_id,
            "decision": "RETURN",
            "comment": "请补充务工人数台账",
            "expectedVersion": version,
        },
        "hr",
        "reviewProgressReport",
    )
    assert returned["report"]["status"] == "RETURNED"
    assert returned["report"]["reviewedBy"] == "区人力社保局"
    task7 = (await api.data(ROUND, {"id": round_id}, token="office"))["round"]["tasks"][6]
    assert task7["returned"] == 1 and task7["task"]["warningLevel"] == "YELLOW"

    resubmitted = await _ok(
        api,
        SUBMIT,
        {**report, "summary": "已补充台账", "expectedVersion": returned["report"]["version"]},
        "shuangjiang",
        "submitProgressReport",
    )
    assert resubmitted["report"]["status"] == "SUBMITTED"
    accepted = await _ok(
        api,
        REVIEW,
        {
            "reportId": report_id,
            "decision": "ACCEPT",
            "expectedVersion": resubmitted["report"]["version"],
        },
        "agri",
        "reviewProgressReport",
    )
    assert accepted["report"]["status"] == "ACCEPTED"

    # the office sees the task's aggregate and the target evaluation
    task7 = (await api.data(ROUND, {"id": round_id}, token="office"))["round"]["tasks"][6]
    assert task7["owed"] == 22 + 3  # every town, plus each lead's consolidated report
    assert (task7["submitted"], task7["accepted"], task7["returned"]) == (1, 1, 0)
    assert [(t["target"]["metric"], t["attainment"], t["attained"]) for t in task7["targets"]] == [
        # 21 towns have not reported: pending, however well the one town did
        ("有劳动能力有就业意愿的脱贫家庭就业人数", "PENDING", 1),
        # a district total: the town's figure is its part, not the district's
        ("全区脱贫群众就业总体规模", "PENDING", 0),
    ]

    # a town with no duty on a task is refused, and nothing is stored
    before = await ProgressReport.all().count()
    no_duty = (
        await api.data(
            SUBMIT, {"input": {**report, "taskNumber": 14, "values": []}}, token="shuangjiang"
        )
    )["submitProgressReport"]
    assert [e["code"] for e in no_duty["userErrors"]] == ["FORBIDDEN"]
    assert (
        "双江镇在2025年6月调度中不需要就第14项任务报送报告" in no_duty["userErrors"][0]["message"]
    )
    assert await ProgressReport.all().count() == before

    # time passes: the due date is missed; a late submission is accepted but marked late
    clock.set(dt.datetime(2025, 6, 28, 10, 0, tzinfo=LOCAL_TZ))
    red = (
        await api.data(
            "{ warnings(level: RED) { unit { name } task { number } daysLate } }", token="office"
        )
    )["warnings"]
    assert {"unit": {"name": "花岩镇"}, "task": {"number": 7}, "daysLate": 3} in red
    assert not any(w["unit"]["name"] == "双江镇" and w["task"]["number"] == 7 for w in red)
    late = await _ok(api, SUBMIT, {**report, "values": []}, "huayan", "submitProgressReport")
    assert late["report"]["late"] is True
    unit_level = await api.data('{ unit(name: "花岩镇") { warningLevel } }', token="office")
    assert unit_level["unit"]["warningLevel"] == "RED"  # still late on its other tasks

    history = (
        await api.data(
            "query($id: ID!) { history(id: $id) { action actor } }",
            {"id": report_id},
            token="office",
        )
    )["history"]
    assert [h["action"] for h in history] == [
        "report.saved",
        "report.submitted",
        "report.returned",
        "report.submitted",
        "report.accepted",
    ]
    chain = await api.data(
        "{ tasks(filter: {section: 3}) { nodes { number warningLevel } } }", token="viewer"
    )
    assert {"number": 7, "warningLevel": "RED"} in chain["tasks"]["nodes"]


async def test_idempotent_submission_and_conflicts(round_api: Api) -> None:
    api = round_api
    opened = await _ok(
        api,
        OPEN,
        {"name": "2025年7月调度", "dueDate": "2025-07-25", "taskNumbers": [7]},
        "office",
        "openReportingRound",
    )
    base = {
        "roundId": opened["round"]["id"],
        "taskNumber": 7,
        "summary": "进展",
        "completion": 10,
        "expectedVersion": 0,
        "idempotencyKey": "shuangjiang-2025-07-task7",
    }
    first = await _ok(api, SUBMIT, base, "shuangjiang", "submitProgressReport")
    events = await AuditEvent.all().count()
    again = await _ok(api, SUBMIT, base, "shuangjiang", "submitProgressReport")
    assert again["report"] == first["report"]
    assert await AuditEvent.all().count() == events  # a retry writes nothing

    other = await api.data(SUBMIT, {"input": {**base, "completion": 20}}, token="shuangjiang")
    errors = other["submitProgressReport"]["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [("CONFLICT", ["idempotencyKey"])]

    stale = await api.data(
        REVIEW,
        {"input": {"reportId": first["report"]["id"], "decision": "ACCEPT", "expectedVersion": 99}},
        token="hr",
    )
    assert stale["reviewProgressReport"]["userErrors"][0]["code"] == "CONFLICT"
    closed = await api.data(
        """mutation($id: ID!) { closeReportingRound(input: {roundId: $id, expectedVersion: 1}) {
        round { status } } }""",
        {"id": opened["round"]["id"]},
        token="office",
    )
    assert closed["closeReportingRound"]["round"]["status"] == "CLOSED"
    after_close = (
        await api.data(SUBMIT, {"input": {**base, "idempotencyKey": "new"}}, token="hr")
    )["submitProgressReport"]
    assert after_close["userErrors"][0]["code"] in {"INVALID", "FORBIDDEN"}
