"""One month of the office's work through the API, as the clerks do it, on both backends.

The round on the 2025 plan: two towns report their employment counts as clerks type them, the
lead of task (七) consolidates 24,300, the office accepts it, the district total target is
attained by the DISTRICT_TOTAL rule and the progress bulletin says so. The rectification ledger:
a finding with three items, the sheet exported, edited in a spreadsheet program, previewed and
applied with the preview's token (one new, one updated, one refused for a misspelt town), then
one item voided: out of the ledger's rates, still listed.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import AsyncIterator
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.support.api import Api, api_for
from tests.support.pdf import document_text, normalise, read_pdf, table_rows
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role

TOTAL = "全区脱贫群众就业总体规模"

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
TARGETS = "{ task(number: 7) { targets { id metric scope threshold } } }"
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status version kind values { value typed } } userErrors { field message code } } }"""
REVIEW = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
  report { id status } userErrors { field message code } } }"""
RESULTS = """query($id: ID!) { round(id: $id) { tasks { task { number } targets {
  target { metric } attainment scope rule judgedValue threshold provisional } } } }"""
ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { url } userErrors { field message code } } }"""
CREATE_FINDING = """mutation($input: CreateFindingInput!) { createFinding(input: $input) {
  finding { id items { id version status responsibleUnit { name } } }
  userErrors { field message code } } }"""
PROGRESS = """mutation($input: RecordRectificationProgressInput!) {
  recordRectificationProgress(input: $input) {
    item { id status version } userErrors { field message code } } }"""
VERIFY = """mutation($input: CheckRectificationItemInput!) {
  verifyRectificationItem(input: $input) {
    item { id status version } userErrors { field message code } } }"""
LEDGER = """{ rectificationLedger { summary { total completed verified completionRate
  verificationRate } items(first: 50) { totalCount nodes { id number finding { description }
  responsibleUnit { name } latestProgress status voided voidReason } } } }"""
LEDGER_FILE = """{ rectificationLedgerFile { filename contentBase64 rowCount } }"""
PREVIEW = """mutation($input: PreviewLedgerImportInput!) { previewLedgerImport(input: $input) {
  preview { previewToken summary created updated unchanged refused
    rows { row number outcome reasons { message } } }
  userErrors { field message code } } }"""
APPLY = """mutation($input: ApplyLedgerImportInput!) { applyLedgerImport(input: $input) {
  created { id number version responsibleUnit { name } }
  updated { id number latestProgress }
  preview { refused }
  userErrors { field message code } } }"""
VOID = """mutation($input: VoidRectificationItemInput!) { voidRectificationItem(input: $input) {
  item { id voided voidReason } userErrors { field message code } } }"""


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), LOCAL_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 1)))


@pytest.fixture
async def api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for value in api_for(db_url, clock=clock):
        yield value


async def done(api: Api, query: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    """Run a mutation as ``token``'s caller and expect it to go through (no userErrors)."""
    [payload] = (await api.data(query, {"input": input}, token=token)).values()
    assert payload["userErrors"] == [], payload["userErrors"]
    result: dict[str, Any] = payload
    return result


async def ledger(api: Api) -> dict[str, Any]:
    data: dict[str, Any] = (await api.data(LEDGER, token="office"))["rectificationLedger"]
    return data


def edit_sheet(content: bytes, updated_number: int) -> str:
    """What a clerk does in a spreadsheet program: writes one item's progress, adds a new row
    without 编号, and adds a row for “柏子镇” (a slip for 柏梓镇). The edited file, Base64."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    header = [str(c.value) for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    rows = {int(str(sheet.cell(r, column["编号"]).value)): r for r in range(2, sheet.max_row + 1)}
    row = rows[updated_number]
    sheet.cell(row, column["整改进展"]).value = "已入户核查86户，更正数据12条"

    def new_row(unit: str, description: str, measures: str) -> None:
        values = {
            "问题来源": "区级专项督查",
            "问题描述": description,
            "整改措施": measures,
            "责任单位": unit,
            "责任人": "张三",
            "整改时限": "2025-10-31",
        }
        sheet.append([values.get(name) for name in header])  # 序号 and 编号 left empty

    new_row("双江镇", "村级公示不及时", "每月5日前公示")
    new_row("柏子镇", "帮扶档案不全", "补齐帮扶档案")
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue()).decode()


async def test_a_month_of_reporting_and_rectification(api: Api, clock: FixedClock) -> None:
    await api.token_for("baizi", "柏梓镇", Role.UNIT_REPORTER)

    # ── 1. The June round on task (七) ──────────────────────────────────────────────────
    # The office opens the round; (七)'s target is a district total.
    opened = await done(
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
    )
    round_id = opened["round"]["id"]
    targets = {t["metric"]: t for t in (await api.data(TARGETS))["task"]["targets"]}
    assert (targets[TOTAL]["scope"], targets[TOTAL]["threshold"]) == ("DISTRICT_TOTAL", "24000")
    total_id = targets[TOTAL]["id"]

    def report(value: str, **more: Any) -> dict[str, Any]:
        return {
            "roundId": round_id,
            "taskNumber": 7,
            "summary": "脱贫人口务工就业稳步推进",
            "completion": 50,
            "values": [{"targetId": total_id, "value": value}],
            "expectedVersion": 0,  # a new report
            **more,
        }

    # Two towns report their counts, typed as clerks type them.
    town_reports = []
    for token, typed, stored in (("shuangjiang", "1,860人", "1860"), ("baizi", "0.142万", "1420")):
        submitted = (await done(api, SUBMIT, report(typed), token))["report"]
        assert submitted["status"] == "SUBMITTED"
        assert submitted["values"] == [{"value": stored, "typed": typed}]
        town_reports.append(submitted["id"])

    # The lead of (七), 区人力社保局, reviews the towns' reports, then consolidates the district.
    for report_id in town_reports:
        review = {"reportId": report_id, "decision": "ACCEPT", "expectedVersion": 1}
        assert (await done(api, REVIEW, review, "hr"))["report"]["status"] == "ACCEPTED"
    consolidated = (
        await done(
            api,
            SUBMIT,
            report("24,300人", kind="CONSOLIDATED", summary="全区脱贫人口务工2.43万人"),
            "hr",
        )
    )["report"]
    assert consolidated["kind"] == "CONSOLIDATED"

    # Before the office accepts it, the towns' sum (3,280) is only provisional: never 未达标.
    async def verdict() -> dict[str, Any]:
        data = await api.data(RESULTS, {"id": round_id}, token="office")
        found: dict[str, Any]
        [found] = [
            t
            for task in data["round"]["tasks"]
            for t in task["targets"]
            if t["target"]["metric"] == TOTAL
        ]
        return found

    before = await verdict()
    assert (before["attainment"], before["provisional"], before["judgedValue"]) == (
        "PENDING",
        True,
        "3280",
    )

    # The office accepts the consolidated report: the target is judged on 24,300 ≥ 2.4万.
    accept = {"reportId": consolidated["id"], "decision": "ACCEPT", "expectedVersion": 1}
    assert (await done(api, REVIEW, accept, "office"))["report"]["status"] == "ACCEPTED"
    after = await verdict()
    assert after["scope"] == "DISTRICT_TOTAL"
    assert after["attainment"] == "ATTAINED"
    assert after["rule"] == "按牵头单位（区人力社保局）审核通过的汇总值判定"
    assert (after["judgedValue"], after["threshold"], after["provisional"]) == (
        "24300",
        "24000",
        False,
    )

    # After the due date the office issues the progress bulletin; read back from its PDF.
    clock.set(at(dt.date(2025, 6, 28)))
    issued = await done(api, ISSUE, {"kind": "PROGRESS_BULLETIN", "roundId": round_id}, "office")
    pdf = await api.client.get(
        issued["document"]["url"], headers={"Authorization": f"Bearer {api.tokens['viewer']}"}
    )
    assert pdf.status_code == 200
    assert pdf.headers["content-type"].startswith("application/pdf")
    [cell] = [c for row in table_rows(pdf.content) for c in row if normalise(TOTAL) in c]
    assert normalise(f"{TOTAL}：达标") in cell
    assert normalise(f"{TOTAL}：未达标") not in cell
    assert normalise(f"{TOTAL}：未达标") not in document_text(read_pdf(pdf.content))

    # ── 2. The rectification ledger ─────────────────────────────────────────────────────
    # A supervision finds a problem in three towns: one finding, three items.
    clock.set(at(dt.date(2025, 7, 1)))
    finding = await done(
        api,
        CREATE_FINDING,
        {
            "description": "部分脱贫户收入监测数据不准确",
            "source": "DISTRICT_SUPERVISION",
            "foundOn": "2025-06-30",
            "taskNumbers": [20],
            "unitNames": ["双江镇", "柏梓镇", "花岩镇"],
            "items": [
                {
                    "measures": measures,
                    "deadline": "2025-09-30",
                    "responsibleUnitName": unit,
                    "responsiblePersons": [{"name": person, "post": "副镇长"}],
                }
                for unit, measures, person in (
                    ("双江镇", "逐户核实收入数据并更正", "张三"),
                    ("柏梓镇", "逐户核实收入数据并更正", "李四"),
                    ("花岩镇", "完善收入监测台账", "王五"),
                )
            ],
        },
        "supervisor",
    )
    shuangjiang, baizi, _huayan = finding["finding"]["items"]

    # 双江镇 finishes its item and the office closes it (销号): one of three done.
    step = {
        "itemId": shuangjiang["id"],
        "expectedVersion": shuangjiang["version"],
        "content": "数据已全部更正",
        "complete": True,
    }
    completed = (await done(api, PROGRESS, step, "shuangjiang"))["item"]
    assert completed["status"] == "COMPLETED"
    check = {
        "itemId": shuangjiang["id"],
        "expectedVersion": completed["version"],
        "note": "同意销号",
    }
    assert (await done(api, VERIFY, check, "office"))["item"]["status"] == "VERIFIED"
    start = await ledger(api)
    assert start["items"]["totalCount"] == 3
    assert (start["summary"]["total"], start["summary"]["verified"]) == (3, 1)
    assert start["summary"]["completionRate"] == 0.3333  # 1 of 3, as the ledger rounds it

    # The office exports the ledger; a clerk edits it in a spreadsheet program.
    exported = (await api.data(LEDGER_FILE, token="office"))["rectificationLedgerFile"]
    assert exported["filename"].endswith(".xlsx") and exported["rowCount"] == 3
    numbers = {n["id"]: n["number"] for n in start["items"]["nodes"]}
    sheet = edit_sheet(base64.b64decode(exported["contentBase64"]), numbers[baizi["id"]])

    # The preview says what the sheet would do, row by row; nothing is written yet.
    preview = (await done(api, PREVIEW, {"contentBase64": sheet}, "office"))["preview"]
    assert (preview["created"], preview["updated"], preview["refused"]) == (1, 1, 1)
    assert preview["unchanged"] == 2
    [refusal] = [r for r in preview["rows"] if r["outcome"] == "REFUSED"]
    assert refusal["number"] is None
    [reason] = [r["message"] for r in refusal["reasons"]]
    assert reason == "没有名为“柏子镇”的单位，是否为“柏梓镇”？"  # the one wording of a typo'd unit
    assert (await ledger(api))["items"]["totalCount"] == 3

    # Applied with the preview's token: exactly what the preview said, nothing duplicated.
    applied = await done(
        api, APPLY, {"contentBase64": sheet, "previewToken": preview["previewToken"]}, "office"
    )
    assert [i["responsibleUnit"]["name"] for i in applied["created"]] == ["双江镇"]
    assert [(i["id"], i["latestProgress"]) for i in applied["updated"]] == [
        (baizi["id"], "已入户核查86户，更正数据12条")
    ]
    assert applied["preview"]["refused"] == 1
    imported = await ledger(api)
    assert imported["items"]["totalCount"] == 4
    nodes = imported["items"]["nodes"]
    assert len({n["number"] for n in nodes}) == 4
    assert sorted(
        (n["responsibleUnit"]["name"], n["finding"]["description"]) for n in nodes
    ) == sorted(
        [
            ("双江镇", "部分脱贫户收入监测数据不准确"),
            ("柏梓镇", "部分脱贫户收入监测数据不准确"),
            ("花岩镇", "部分脱贫户收入监测数据不准确"),
            ("双江镇", "村级公示不及时"),
        ]
    )
    assert imported["summary"]["total"] == 4
    assert imported["summary"]["completionRate"] == 0.25  # 1 of 4
    assert imported["summary"]["verificationRate"] == 0.25  # 1 of 4

    # ── 3. A voided item leaves the rates, not the list ─────────────────────────────────
    new = applied["created"][0]
    void = {"itemId": new["id"], "expectedVersion": new["version"], "reason": "与已有事项重复"}
    voided = (await done(api, VOID, void, "office"))["item"]
    assert (voided["voided"], voided["voidReason"]) == (True, "与已有事项重复")
    final = await ledger(api)
    assert final["summary"]["total"] == 3
    assert final["summary"]["completionRate"] == 0.3333  # 1 of 3, as the ledger rounds it
    assert final["summary"]["verificationRate"] == 0.3333  # 1 of 3, as the ledger rounds it
    assert final["items"]["totalCount"] == 4
    listed = {n["id"]: (n["voided"], n["voidReason"]) for n in final["items"]["nodes"]}
    assert listed[new["id"]] == (True, "与已有事项重复")
    assert sum(voided for voided, _ in listed.values()) == 1
