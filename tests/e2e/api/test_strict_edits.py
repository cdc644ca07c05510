"""Every edit names the version its caller read: the SDL requires it, and a stale one is a
CONFLICT that says who changed the object and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLNonNull

from tests.support.api import Api, api_for
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.schema.schema import build_schema

EDITS = {
    "AssignTaskInput",
    "ProgressReportInput",
    "ReviewProgressReportInput",
    "CloseReportingRoundInput",
    "SetTaskDueDateInput",
    "SetGroupMembersInput",
    "UpdateSupervisionInput",
    "UpdateFindingInput",
    "UpdateRectificationItemInput",
    "RecordRectificationProgressInput",
    "CheckRectificationItemInput",
}
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id version } userErrors { field message code } } }"""
SAVE = """mutation($input: ProgressReportInput!) { saveProgressReport(input: $input) {
  report { id version } userErrors { field message code } } }"""
DUE = """mutation($input: SetTaskDueDateInput!) { setTaskDueDate(input: $input) {
  task { dueDate version } userErrors { field message code } } }"""
MEMBERS = """mutation($input: SetGroupMembersInput!) { setGroupMembers(input: $input) {
  group { version } userErrors { field message code } } }"""
ASSIGN = """mutation($input: AssignTaskInput!) { assignTask(input: $input) {
  assignment { dueDate version } userErrors { field message code } } }"""
CLOSE = """mutation($input: CloseReportingRoundInput!) { closeReportingRound(input: $input) {
  round { status version } userErrors { field message code } } }"""


def test_every_edit_input_requires_the_version_read() -> None:
    types = build_schema()._schema.type_map
    carrying = {
        name
        for name, kind in types.items()
        if isinstance(kind, GraphQLInputObjectType) and "expectedVersion" in kind.fields
    }
    assert carrying >= EDITS
    for name in carrying:
        field = types[name].fields["expectedVersion"]  # type: ignore[attr-defined]
        assert isinstance(field.type, GraphQLNonNull), name


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2025, 6, 20, 14, 5, tzinfo=LOCAL_TZ))


@pytest.fixture
async def edit_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(db_url, clock=clock):
        yield api


async def _run(api: Api, query: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    data = await api.data(query, {"input": input}, token=token)
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


async def test_a_stale_edit_names_who_changed_it_and_when(edit_api: Api, clock: FixedClock) -> None:
    api = edit_api
    opened = await _run(
        api, OPEN, {"name": "2025年6月调度", "dueDate": "2025-06-25", "taskNumbers": [7]}, "office"
    )
    round_ = opened["round"]
    assert round_["version"] == 1
    draft = {"roundId": round_["id"], "taskNumber": 7, "summary": "初稿", "completion": 10}
    first = await _run(api, SAVE, {**draft, "expectedVersion": 0}, "shuangjiang")
    assert first["report"]["version"] == 1

    # a second writer who also read "no report yet" does not overwrite the first
    clock.set(clock.now() + dt.timedelta(minutes=3))
    stale = await _run(
        api, SAVE, {**draft, "summary": "另一稿", "expectedVersion": 0}, "shuangjiang"
    )
    assert stale["report"] is None
    assert stale["userErrors"] == [
        {
            "field": ["expectedVersion"],
            "code": "CONFLICT",
            "message": "该报告已被 双江镇 于 14:05 修改，请刷新后再改",
        }
    ]
    edited = await _run(
        api, SAVE, {**draft, "summary": "二稿", "expectedVersion": 1}, "shuangjiang"
    )
    assert edited["report"]["version"] == 2

    due = {"taskNumber": 7, "dueDate": "2025-12-31", "expectedVersion": 1}
    assert (await _run(api, DUE, due, "office"))["task"] == {"dueDate": "2025-12-31", "version": 2}
    again = await _run(api, DUE, {**due, "dueDate": "2025-11-30"}, "office")
    assert [e["code"] for e in again["userErrors"]] == ["CONFLICT"]
    assert again["userErrors"][0]["message"] == "该任务已被 test-office 于 14:08 修改，请刷新后再改"
    task = await api.data("{ task(number: 7) { dueDate version } }")
    assert task["task"] == {"dueDate": "2025-12-31", "version": 2}

    members = {"groupName": "相关镇街", "taskNumber": 4, "memberNames": ["双江镇"]}
    set_once = await _run(api, MEMBERS, {**members, "expectedVersion": 1}, "office")
    assert set_once["group"] == {"version": 2}
    set_twice = await _run(
        api, MEMBERS, {**members, "memberNames": ["崇龛镇"], "expectedVersion": 1}, "office"
    )
    assert [e["code"] for e in set_twice["userErrors"]] == ["CONFLICT"]
    assert "该集体单位已被 test-office" in set_twice["userErrors"][0]["message"]

    lead = {"taskNumber": 5, "unitName": "区财政局", "role": "LEAD", "expectedVersion": 0}
    made = await _run(api, ASSIGN, {**lead, "dueDate": "2025-12-31"}, "office")
    assert made["assignment"] == {"dueDate": "2025-12-31", "version": 1}
    same = await _run(api, ASSIGN, lead, "office")  # assigning again changes nothing: no version
    assert same["assignment"] == {"dueDate": "2025-12-31", "version": 1}
    moved = await _run(api, ASSIGN, {**lead, "dueDate": "2025-10-31"}, "office")  # read as 0
    assert [e["code"] for e in moved["userErrors"]] == ["CONFLICT"]
    assert moved["userErrors"][0]["message"].startswith("该分工已被 test-office 于 14:08 修改")
    moved = await _run(
        api, ASSIGN, {**lead, "dueDate": "2025-10-31", "expectedVersion": 1}, "office"
    )
    assert moved["assignment"] == {"dueDate": "2025-10-31", "version": 2}

    closing = {"roundId": round_["id"], "expectedVersion": 0}
    refused = await _run(api, CLOSE, closing, "office")
    assert [e["code"] for e in refused["userErrors"]] == ["CONFLICT"]
    assert (
        refused["userErrors"][0]["message"] == "该调度已被 test-office 于 14:05 修改，请刷新后再改"
    )
    closed = await _run(api, CLOSE, {**closing, "expectedVersion": 1}, "office")
    assert closed["round"] == {"status": "CLOSED", "version": 2}
