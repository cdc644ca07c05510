"""The workbench's 总览 (board) query asks the database a fixed number of times, however many
tasks its round covers: every task's target verdicts are loaded together, once per request."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.e2e.api.supervision_ops import ok
from tests.support.api import Api
from tests.support.statements import statements_sent
from tongnan.domain.models import ReportingRound, Task
from tongnan.domain.reporting import round_target_results
from tongnan.schema.common.ids import from_global_id, to_global_id
from tongnan.schema.plans.types import plain_decimal

BOARD = (Path(__file__).resolve().parents[3] / "web/src/operations/office/Board.graphql").read_text(
    encoding="utf-8"
)
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { field message code } } }"""
TARGETS = "{ task(number: %d) { targets { id } } }"
VERDICTS = """query($id: ID!) { round(id: $id) { tasks { task { number } targets {
  target { id } attainment rule judgedValue threshold provisional pendingUnits failingUnits
  units { unitName value share attainment } } } } }"""
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""


async def _open(api: Api, name: str, tasks: list[int]) -> str:
    input = {
        "name": name,
        "kind": "AD_HOC",
        "dueDate": "2099-06-25",
        "taskNumbers": tasks,
        "confirm": True,
    }
    opened = await ok(api, OPEN, input, "office", "openReportingRound")
    round_id: str = opened["round"]["id"]
    return round_id


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else str(plain_decimal(value))


async def _report(api: Api, round_id: str, task: int, value: str) -> None:
    """双江镇's report on ``task``, with a value for each of the task's targets."""
    targets = (await api.data(TARGETS % task))["task"]["targets"]
    input = {
        "roundId": round_id,
        "taskNumber": task,
        "summary": "按计划推进",
        "completion": 50,
        "values": [{"targetId": t["id"], "value": value} for t in targets],
        "expectedVersion": 0,
    }
    await ok(api, SUBMIT, input, "shuangjiang", "submitProgressReport")


async def _statements(api: Api, round_id: str, token: str) -> tuple[int, dict[str, Any]]:
    api.app.state.plans.clear()  # a cold request: nothing cached from before
    with statements_sent() as sent:
        data = await api.data(BOARD, {"roundId": round_id, "asOf": "2025-06-01"}, token=token)
    sql = [s for s in sent if not s.startswith("PRAGMA data_version")]
    return len(sql), data


async def test_board_statements_do_not_grow_with_the_round_tasks(api: Api) -> None:
    one = await _open(api, "一项任务的调度", [7])
    many = await _open(api, "全部任务的调度", list(range(1, 23)))
    await _report(api, one, 7, "1860")
    for task in (1, 3, 7, 15):  # 双江镇 owes a report on each
        await _report(api, many, task, "1860")
    for token in ("office", "viewer"):
        await api.data("{ plan { code } }", token=token)  # the token's first use is counted apart
        few, small = await _statements(api, one, token)
        more, large = await _statements(api, many, token)
        assert len(small["round"]["tasks"]) == 1
        assert len(large["round"]["tasks"]) == 22
        assert sum(len(t["targets"]) for t in large["round"]["tasks"]) > len(
            small["round"]["tasks"][0]["targets"]
        )
        print(token, few, more)
        assert more == few, (token, few, more)
        # the plan (10 on a cold cache), the round, its reporting rows (3), values and shares
        assert few <= 15


async def test_board_verdicts_are_the_bulletins(api: Api) -> None:
    """Each task's verdicts on the board are those the progress bulletin states."""
    many = await _open(api, "全部任务的调度", list(range(1, 23)))
    for task in (1, 3, 7, 15):
        await _report(api, many, task, "1860")
    data = await api.data(VERDICTS, {"id": many}, token="office")
    round_ = await ReportingRound.get(id=from_global_id(many)[1])
    expected = await round_target_results(round_)
    tasks = {t.number: t.id for t in await Task.filter(plan_id=round_.plan_id)}
    got = {
        t["task"]["number"]: [
            (
                r["target"]["id"],
                r["attainment"],
                r["rule"],
                r["judgedValue"],
                r["threshold"],
                r["provisional"],
                r["pendingUnits"],
                r["failingUnits"],
                [(u["unitName"], u["value"], u["share"], u["attainment"]) for u in r["units"]],
            )
            for r in t["targets"]
        ]
        for t in data["round"]["tasks"]
    }
    assert got == {
        number: [
            (
                to_global_id("Target", r.target.id),
                r.verdict.attainment.name,
                r.verdict.rule,
                _plain(r.verdict.value),
                _plain(r.verdict.threshold),
                r.verdict.provisional,
                list(r.verdict.missing_units),
                list(r.verdict.failing_units),
                [
                    (u.unit, _plain(u.value), _plain(u.share), u.attainment.name)
                    for u in r.verdict.units
                ],
            )
            for r in expected.get(tasks[number], [])
        ]
        for number in range(1, 23)
    }
    assert any(r[3] is not None for rows in got.values() for r in rows)  # values were judged
