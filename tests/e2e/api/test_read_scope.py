"""Who reads what, through the API: anonymous callers see the published plan only; a draft is
seen by its own unit alone (not even the office); a submitted report by the office, viewers, its
unit and its lead reviewers; a unit sees only its own warnings. The response cache never hands
one caller's scoped answer to another."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.e2e.api.test_reporting_round import OPEN, SAVE, SUBMIT, _ok
from tests.support.api import Api, api_for
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role


@pytest.fixture
async def api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    """The API with a cost limit that lets every report of every round be asked for at once
    (ROUNDS, the shape that leaked drafts; by default it costs more than the limit allows)."""
    async for value in api_for(db_url, max_cost=500_000):
        yield value


DRAFT_TEXT = "草稿:尚未核实的务工人数"
SUBMITTED_TEXT = "已核实:务工人数1200人"
ROUNDS = "{ rounds { name tasks { reports { status summary problems nextSteps unit { name } } } } }"
TASK = """{ task(number: 7) { title warningLevel
  progressReports { totalCount nodes { status summary } } } }"""
ROUND = """query($id: ID!) { round(id: $id) { name tasks { task { number } warningLevel
  reports { status summary unit { name } } } } }"""
REPORT = """query($id: ID!) { progressReport(id: $id) { status summary } }"""
HISTORY = """query($id: ID!) { history(id: $id) { action afterJson } }"""
UNITS = "{ units { name warningLevel } }"
WARNINGS = "{ warnings { unit { name } } }"


async def _round_with_a_draft(api: Api) -> tuple[str, str]:
    opened = await _ok(
        api,
        OPEN,
        {
            "name": "2025年6月调度",
            "kind": "MONTHLY",
            "dueDate": "2025-06-25",
            "taskNumbers": [7],
            "confirm": True,
        },
        "office",
        "openReportingRound",
    )
    round_id = opened["round"]["id"]
    draft = await _ok(
        api,
        SAVE,
        {
            "roundId": round_id,
            "taskNumber": 7,
            "summary": DRAFT_TEXT,
            "completion": 10,
            "expectedVersion": 0,
        },
        "shuangjiang",
        "saveProgressReport",
    )
    assert draft["report"]["status"] == "DRAFT"
    return round_id, draft["report"]["id"]


def _summaries(data: Any) -> list[str]:
    text = str(data)
    return [DRAFT_TEXT] if DRAFT_TEXT in text else []


async def test_an_anonymous_caller_reads_the_published_plan_only(api: Api) -> None:
    round_id, report_id = await _round_with_a_draft(api)

    rounds = await api.post(ROUNDS)
    assert rounds.status_code == 200
    assert rounds.json() == {"data": {"rounds": []}}

    task = await api.post(TASK)
    assert "errors" not in task.json(), task.json()
    assert task.json()["data"]["task"]["title"]  # the plan itself stays public
    assert task.json()["data"]["task"]["warningLevel"] is None
    assert task.json()["data"]["task"]["progressReports"] == {"totalCount": 0, "nodes": []}

    assert (await api.data(ROUND, {"id": round_id})) == {"round": None}
    units = (await api.data(UNITS))["units"]
    assert units and all(unit["warningLevel"] is None for unit in units)
    assert DRAFT_TEXT not in (await api.post(REPORT, {"id": report_id})).text


async def test_nobody_but_its_unit_reads_a_draft(api: Api) -> None:
    round_id, report_id = await _round_with_a_draft(api)
    # the unit itself first, so a response cache keyed wrongly would hand its answer on
    own = await api.data(ROUNDS, token="shuangjiang")
    assert _summaries(own) == [DRAFT_TEXT]
    assert (await api.data(REPORT, {"id": report_id}, token="shuangjiang"))["progressReport"] == {
        "status": "DRAFT",
        "summary": DRAFT_TEXT,
    }
    for caller in ("office", "supervisor", "viewer", "hr"):  # hr: a lead unit of task 7
        for query, variables in (
            (ROUNDS, None),
            (TASK, None),
            (ROUND, {"id": round_id}),
            (REPORT, {"id": report_id}),
            (HISTORY, {"id": report_id}),
        ):
            seen = await api.data(query, variables, token=caller)
            assert _summaries(seen) == [], (caller, query)
        assert (await api.data(REPORT, {"id": report_id}, token=caller)) == {"progressReport": None}
    # signed-in callers see the colours and the counts of the plan
    task = (await api.data(TASK, token="viewer"))["task"]
    assert task["warningLevel"] in {"GREEN", "YELLOW", "RED"}


async def test_a_submitted_report_is_read_by_overseers_its_unit_and_its_leads(api: Api) -> None:
    round_id, report_id = await _round_with_a_draft(api)
    await api.token_for("huayan", "花岩镇", Role.UNIT_REPORTER)  # another town, not a lead
    await _ok(
        api,
        SUBMIT,
        {
            "roundId": round_id,
            "taskNumber": 7,
            "summary": SUBMITTED_TEXT,
            "completion": 20,
            "expectedVersion": 1,
        },
        "shuangjiang",
        "submitProgressReport",
    )
    for caller in ("office", "supervisor", "viewer", "shuangjiang", "hr"):
        seen = await api.data(REPORT, {"id": report_id}, token=caller)
        assert seen["progressReport"]["status"] == "SUBMITTED", caller
        assert SUBMITTED_TEXT in str(await api.data(ROUND, {"id": round_id}, token=caller))
        # the history shows every step, but the draft's text only to its own unit
        history = (await api.data(HISTORY, {"id": report_id}, token=caller))["history"]
        assert [h["action"] for h in history] == ["report.saved", "report.submitted"]
        assert (DRAFT_TEXT in str(history)) is (caller == "shuangjiang"), caller
    assert (await api.data(REPORT, {"id": report_id}, token="huayan")) == {"progressReport": None}
    assert SUBMITTED_TEXT not in str(await api.data(ROUNDS, token="huayan"))
    assert (await api.data(HISTORY, {"id": report_id}, token="huayan")) == {"history": []}


async def test_a_unit_sees_only_its_own_warnings(api: Api) -> None:
    await _round_with_a_draft(api)
    everyone = {w["unit"]["name"] for w in (await api.data(WARNINGS, token="viewer"))["warnings"]}
    assert len(everyone) > 1
    own = {w["unit"]["name"] for w in (await api.data(WARNINGS, token="shuangjiang"))["warnings"]}
    assert own == {"双江镇"}
