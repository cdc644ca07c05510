"""Target verdicts by scope through the API and in the progress bulletin read back from its PDF,
on both backends: a district total judged on the lead's accepted consolidated figure (two towns'
1,860 and 1,420 against 2.4万 are not a shortfall), and a quota judged per unit's share."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.e2e.api.supervision_ops import ok
from tests.support.api import Api, api_for
from tests.support.pdf import normalise, table_rows
from tests.support.statements import statements_sent
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status } userErrors { field message code } } }"""
REVIEW = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
  report { id status } userErrors { field message code } } }"""
GROUP = """mutation($input: SetGroupMembersInput!) { setGroupMembers(input: $input) {
  userErrors { field message code } } }"""
SCOPE = """mutation($input: SetTargetScopeInput!) { setTargetScope(input: $input) {
  target { id scope version } userErrors { field message code } } }"""
SHARES = """mutation($input: SetTargetSharesInput!) { setTargetShares(input: $input) {
  target { id version shares { unitName share } } userErrors { field message code } } }"""
ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { url } userErrors { field message code } } }"""
RESULTS = """query($id: ID!) { round(id: $id) { tasks {
  task { number } targets { target { metric } attainment scope rule judgedValue threshold
  provisional pendingUnits failingUnits units { unitName value share completion attainment } }
} } }"""
TARGETS = "{ task(number: %d) { targets { id metric scope version } } }"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), LOCAL_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 1)))


@pytest.fixture
async def api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for value in api_for(db_url, clock=clock):
        yield value


async def results(api: Api, round_id: str) -> dict[str, dict[str, Any]]:
    data = await api.data(RESULTS, {"id": round_id}, token="office")
    return {t["target"]["metric"]: t for task in data["round"]["tasks"] for t in task["targets"]}


async def open_round(api: Api, name: str, task: int) -> str:
    input = {
        "name": name,
        "kind": "MONTHLY",
        "dueDate": "2025-06-25",
        "taskNumbers": [task],
        "confirm": True,
    }
    opened = await ok(api, OPEN, input, "office", "openReportingRound")
    round_id: str = opened["round"]["id"]
    return round_id


async def pdf_rows(api: Api, round_id: str) -> dict[str, list[str]]:
    """The bulletin's task table, read back from its PDF, by task."""
    issued = await ok(
        api, ISSUE, {"kind": "PROGRESS_BULLETIN", "roundId": round_id}, "office", "issueDocument"
    )
    response = await api.client.get(
        issued["document"]["url"], headers={"Authorization": f"Bearer {api.tokens['viewer']}"}
    )
    assert response.status_code == 200
    return {row[1]: row for row in table_rows(response.content) if len(row) == 10}


async def submit(api: Api, token: str, input: dict[str, Any]) -> str:
    first = {**input, "expectedVersion": 0}  # a new report
    report: str = (await ok(api, SUBMIT, first, token, "submitProgressReport"))["report"]["id"]
    return report


async def accept(api: Api, token: str, report_id: str) -> None:
    await ok(
        api,
        REVIEW,
        {"reportId": report_id, "decision": "ACCEPT", "expectedVersion": 1},  # as submitted
        token,
        "reviewProgressReport",
    )


TOTAL = "全区脱贫群众就业总体规模"
QUOTA = "消费帮扶指导性计划完成额"


async def test_district_total_and_quota_verdicts(api: Api, clock: FixedClock) -> None:
    await api.token_for("baizi", "柏梓镇", Role.UNIT_REPORTER)
    await api.token_for("commerce", "区商务委", Role.UNIT_REPORTER)
    await ok(
        api,
        GROUP,
        {
            "groupName": "各消费帮扶责任单位",
            "memberNames": ["双江镇", "柏梓镇"],
            "expectedVersion": 1,
        },
        "office",
        "setGroupMembers",
    )
    quota = (await api.data(TARGETS % 14))["task"]["targets"][0]
    assert (quota["metric"], quota["scope"]) == (QUOTA, "ALLOCATED_QUOTA")
    sheet = "单位,分解数\n双江镇,100\n柏梓镇,80\n".encode()
    shared = await ok(
        api,
        SHARES,
        {
            "targetId": quota["id"],
            "expectedVersion": quota["version"],
            "sheetBase64": base64.b64encode(sheet).decode(),
        },
        "office",
        "setTargetShares",
    )
    assert shared["target"]["shares"] == [
        {"unitName": "双江镇", "share": "100"},
        {"unitName": "柏梓镇", "share": "80"},
    ]
    stale = await api.data(
        SHARES,
        {"input": {"targetId": quota["id"], "expectedVersion": quota["version"], "shares": []}},
        token="office",
    )
    assert stale["setTargetShares"]["userErrors"][0]["code"] == "CONFLICT"

    round_id = await open_round(api, "2025年6月调度", 7)
    quota_round = await open_round(api, "2025年6月消费帮扶调度", 14)
    targets = {t["metric"]: t for t in (await api.data(TARGETS % 7))["task"]["targets"]}
    assert targets[TOTAL]["scope"] == "DISTRICT_TOTAL"
    total_id = targets[TOTAL]["id"]

    def report(task: int, target_id: str, value: str, **more: Any) -> dict[str, Any]:
        return {
            "roundId": round_id if task == 7 else quota_round,
            "taskNumber": task,
            "summary": "按计划推进",
            "completion": 50,
            "values": [{"targetId": target_id, "value": value}],
            **more,
        }

    town = await submit(api, "shuangjiang", report(7, total_id, "1860"))
    await accept(api, "hr", town)
    await submit(api, "baizi", report(7, total_id, "1420"))
    consolidated = await submit(
        api,
        "hr",
        report(7, total_id, "24300", kind="CONSOLIDATED", summary="全区脱贫人口务工2.43万人"),
    )

    # before the office accepts the consolidated figure: pending on the towns' sum, never 未达标
    before = (await results(api, round_id))[TOTAL]
    assert before["attainment"] == "PENDING"
    assert before["provisional"] is True and before["judgedValue"] == "3280"
    assert "双江镇" not in before["pendingUnits"] and "花岩镇" in before["pendingUnits"]
    assert before["failingUnits"] == []
    assert {u["attainment"] for u in before["units"] if u["value"]} == {"NOT_APPLICABLE"}

    await accept(api, "office", consolidated)
    after = (await results(api, round_id))[TOTAL]
    assert after["attainment"] == "ATTAINED"
    assert after["rule"] == "按牵头单位（区人力社保局）审核通过的汇总值判定"
    assert (after["judgedValue"], after["threshold"], after["provisional"]) == (
        "24300",
        "24000",
        False,
    )

    # the quota: each unit against its own share, the district against the sum of shares
    for token, value in (("shuangjiang", "120"), ("baizi", "70")):
        await submit(api, token, report(14, quota["id"], value))
    judged = (await results(api, quota_round))[QUOTA]
    assert judged["attainment"] == "ATTAINED"
    assert (judged["judgedValue"], judged["threshold"]) == ("190", "180")
    assert judged["failingUnits"] == ["柏梓镇"]
    assert [
        (u["unitName"], u["share"], u["completion"], u["attainment"]) for u in judged["units"]
    ] == [
        ("双江镇", "100", "120", "ATTAINED"),
        ("柏梓镇", "80", "87.5", "NOT_ATTAINED"),
    ]

    # the office changes a scope: audited, guarded by the version it read
    changed = await ok(
        api,
        SCOPE,
        {"targetId": quota["id"], "scope": "EACH_UNIT", "expectedVersion": quota["version"] + 1},
        "office",
        "setTargetScope",
    )
    assert changed["target"]["scope"] == "EACH_UNIT"
    await ok(
        api,
        SCOPE,
        {
            "targetId": quota["id"],
            "scope": "ALLOCATED_QUOTA",
            "expectedVersion": quota["version"] + 2,
        },
        "office",
        "setTargetScope",
    )
    refused = await api.data(
        SCOPE,
        {"input": {"targetId": total_id, "scope": "EACH_UNIT", "expectedVersion": 1}},
        token="hr",
    )
    assert refused["setTargetScope"]["target"] is None

    # the bulletin, read back from its PDF
    clock.set(at(dt.date(2025, 6, 28)))
    cell = (await pdf_rows(api, round_id))[normalise("（七）稳定务工规模")][8]
    assert normalise(f"{TOTAL}：达标") in cell
    assert normalise(f"{TOTAL}：未达标") not in cell
    assert normalise("按牵头单位（区人力社保局）审核通过的汇总值判定，判定值24300人") in cell
    quota_cell = (await pdf_rows(api, quota_round))[normalise("（十四）深化消费帮扶")][8]
    assert normalise(f"{QUOTA}：达标") in quota_cell
    assert normalise("未达标单位：柏梓镇") in quota_cell
    assert normalise("完成率：双江镇120.0%、柏梓镇87.5%") in quota_cell


async def test_a_targets_unit_figures_follow_the_report_read_rule(api: Api) -> None:
    """``units`` on a target result shows a unit its own figure, the task's lead the submitted
    figures of the units it leads, the office, supervisors and viewers every submitted figure,
    and nobody another unit's draft."""
    await api.token_for("baizi", "柏梓镇", Role.UNIT_REPORTER)
    await api.token_for("huayan", "花岩镇", Role.UNIT_REPORTER)
    await api.token_for("commerce", "区商务委", Role.UNIT_REPORTER)
    round_id = await open_round(api, "2025年6月调度", 7)
    total_id = {t["metric"]: t for t in (await api.data(TARGETS % 7))["task"]["targets"]}[TOTAL][
        "id"
    ]

    def report(value: str) -> dict[str, Any]:
        return {
            "roundId": round_id,
            "taskNumber": 7,
            "summary": "按计划推进",
            "completion": 50,
            "values": [{"targetId": total_id, "value": value}],
            "expectedVersion": 0,
        }

    await submit(api, "shuangjiang", report("1860"))
    await submit(api, "baizi", report("1420"))
    save = SUBMIT.replace("submitProgressReport", "saveProgressReport")
    await ok(api, save, report("999"), "huayan", "saveProgressReport")  # a draft

    async def figures(token: str) -> dict[str, str | None]:
        data = await api.data(RESULTS, {"id": round_id}, token=token)
        [target] = [
            t
            for task in data["round"]["tasks"]
            for t in task["targets"]
            if t["target"]["metric"] == TOTAL
        ]
        return {u["unitName"]: u["value"] for u in target["units"]}

    submitted = {"双江镇": "1860", "柏梓镇": "1420"}
    for token in ("office", "supervisor", "viewer", "hr"):  # hr: the lead of (七)
        seen = await figures(token)
        assert {n: v for n, v in seen.items() if v is not None} == submitted, token
        assert seen["花岩镇"] is None, token  # its draft is its own
    assert await figures("shuangjiang") == {"双江镇": "1860"}
    assert await figures("huayan") == {"花岩镇": None}  # not judged on a draft, even its own
    assert await figures("commerce") == {}  # neither owing nor leading (七)


ALL_SHARES = """{ tasks(first: 100) { nodes { number targets { metric
  shares { unitName share } } } } }"""


async def test_every_targets_shares_come_from_one_query(api: Api) -> None:
    """Shares asked of every target of the plan: one statement, each target its own rows."""
    await ok(
        api,
        GROUP,
        {
            "groupName": "各消费帮扶责任单位",
            "memberNames": ["柏梓镇", "双江镇"],
            "expectedVersion": 1,
        },
        "office",
        "setGroupMembers",
    )
    quota = (await api.data(TARGETS % 14))["task"]["targets"][0]
    sheet = "单位,分解数\n双江镇,100\n柏梓镇,80.50\n".encode()
    await ok(
        api,
        SHARES,
        {
            "targetId": quota["id"],
            "expectedVersion": quota["version"],
            "sheetBase64": base64.b64encode(sheet).decode(),
        },
        "office",
        "setTargetShares",
    )
    with statements_sent() as sent:
        data = await api.data(ALL_SHARES, token="viewer")
    assert len([s for s in sent if "target_share" in s]) == 1, sent
    shares = {
        (task["number"], target["metric"]): target["shares"]
        for task in data["tasks"]["nodes"]
        for target in task["targets"]
    }
    assert len(shares) > 5
    # in the units' order (双江镇 before 柏梓镇, however the sheet lists them), as before
    assert shares[(14, QUOTA)] == [
        {"unitName": "双江镇", "share": "100"},
        {"unitName": "柏梓镇", "share": "80.5"},
    ]
    assert all(rows == [] for key, rows in shares.items() if key != (14, QUOTA))
