"""``node(id:)`` and ``history(id:)`` answer for every type of the SDL that implements ``Node``:
an existing object of each is fetched back by its id and has an audit history (maybe empty)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator

import pytest
from graphql import GraphQLObjectType

from tests.e2e.api.supervision_ops import ISSUE_URGE, ok
from tests.e2e.api.supervision_scenario import at, play_spot_check
from tests.support.api import Api, api_for
from tongnan.domain import models
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.schema.common.ids import from_global_id, to_global_id
from tongnan.schema.schema import build_schema

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
HISTORY = "query($id: ID!) { history(id: $id) { action afterJson } }"
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
SAVE = """mutation($input: ProgressReportInput!) { saveProgressReport(input: $input) {
  report { id } userErrors { field message code } } }"""
ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { id } userErrors { field message code } } }"""


def node_types() -> list[str]:
    """Every object type of the published schema that implements ``Node``."""
    schema = build_schema()._schema
    return sorted(
        name
        for name, kind in schema.type_map.items()
        if isinstance(kind, GraphQLObjectType) and any(i.name == "Node" for i in kind.interfaces)
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 20)))


@pytest.fixture
async def node_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(db_url, clock=clock):
        yield api


async def _one_of_each(api: Api, clock: FixedClock) -> None:
    """Make at least one object of every kind the API has."""
    await play_spot_check(api, clock)
    clock.set(at(dt.date(2025, 7, 20)))  # 别口镇's item is overdue
    await ok(api, ISSUE_URGE, {"unitName": "别口镇"}, "office", "issueUrgeNotice")
    await ok(api, ISSUE, {"kind": "RECTIFICATION_LEDGER"}, "office", "issueDocument")
    opened = await ok(
        api,
        OPEN,
        {"name": "2025年7月调度", "dueDate": "2025-07-31", "taskNumbers": [7]},
        "office",
        "openReportingRound",
    )
    report = {
        "roundId": opened["round"]["id"],
        "taskNumber": 7,
        "summary": "草稿",
        "completion": 10,
        "expectedVersion": 0,
    }
    await ok(api, SAVE, report, "shuangjiang", "saveProgressReport")


def test_the_sdl_has_the_objects_people_ask_for() -> None:
    assert {
        "Supervision",
        "Finding",
        "RectificationItem",
        "RectificationUpdate",
        "UrgeNotice",
        "ReportingRound",
        "ProgressReport",
        "Document",
        "Task",
        "Unit",
    } <= set(node_types())


async def test_node_and_history_answer_for_every_node_type(
    node_api: Api, clock: FixedClock
) -> None:
    api = node_api
    await _one_of_each(api, clock)
    for type_name in node_types():
        row = await getattr(models, type_name).all().order_by("id").first()
        assert row is not None, f"the test made no {type_name}"
        id = to_global_id(type_name, row.id)
        # a draft is seen by its own unit alone (the read table), so the report is asked by it
        who = "shuangjiang" if type_name == "ProgressReport" else "office"
        data = await api.data(NODE, {"id": id}, token=who)
        assert data["node"] == {"__typename": type_name, "id": id}, type_name
        history = await api.data(HISTORY, {"id": id}, token=who)
        assert isinstance(history["history"], list), type_name
    # signed-in-only objects are not shown to an anonymous caller
    supervision = await models.Supervision.all().first()
    assert supervision is not None
    hidden = await api.data(NODE, {"id": to_global_id("Supervision", supervision.id)})
    assert hidden["node"] is None


async def test_a_rejected_verification_is_in_the_items_history(
    node_api: Api, clock: FixedClock
) -> None:
    items = await play_spot_check(node_api, clock)
    rejected = items["群力镇"]["id"]
    assert from_global_id(rejected)[0] == "RectificationItem"
    history = (await node_api.data(HISTORY, {"id": rejected}, token="viewer"))["history"]
    assert [h["action"] for h in history] == [
        "rectification.opened",
        "rectification.completed",
        "rectification.rejected",
    ]
    after = json.loads(history[-1]["afterJson"])
    assert (after["verification_note"], after["returned"]) == ("比对机制未覆盖全部村", True)
