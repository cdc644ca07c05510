"""Target values through the API, on both backends: typed as clerks type them (2.4万, 8420元,
99%, 1,234, ８７００), read in the target's unit and kept as typed; NaN, infinities and numbers
the column cannot hold are user errors on the field; a bad value already stored breaks no read
and no bulletin."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from tortoise import connections

from tests.e2e.api.supervision_ops import ok
from tests.support.api import Api, api_for
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import Document, TargetValue
from tongnan.schema.common.ids import from_global_id

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
VALUES = "values { value typed baselineValue baselineTyped attainment target { metric } }"
SUBMIT = f"""mutation($input: ProgressReportInput!) {{ submitProgressReport(input: $input) {{
  report {{ id status {VALUES} }} userErrors {{ field message code }} }} }}"""
SAVE = SUBMIT.replace("submitProgressReport", "saveProgressReport")
ROUND = f"""query($id: ID!) {{ round(id: $id) {{ tasks {{ task {{ number }}
  reports {{ unit {{ name }} {VALUES} }}
  targets {{ target {{ metric }} attainment attained notAttained notEvaluable }} }} }} }}"""
# what a client asked before values were kept as typed
SUBMIT_LEAN = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { field message code } } }"""
SAVE_LEAN = SUBMIT_LEAN.replace("submitProgressReport", "saveProgressReport")
ATTAINMENT = """query($id: ID!) { round(id: $id) { tasks { targets { attainment } } } }"""
ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { id code } userErrors { field message code } } }"""


@pytest.fixture
async def api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    clock = FixedClock(dt.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TZ))
    # no kept results: these tests change the store by hand, which announces nothing
    async for value in api_for(db_url, clock=clock, response_cache_entries=0):
        yield value


async def _round(api: Api) -> tuple[str, list[str]]:
    """A round on task (七); the ids of its two targets (…至少1人就业, 就业总体规模 2.4万人)."""
    opened = await ok(
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
    targets = (await api.data("{ task(number: 7) { targets { id unitOfMeasure } } }"))["task"]
    assert [t["unitOfMeasure"] for t in targets["targets"]] == ["人", "人"]
    return opened["round"]["id"], [t["id"] for t in targets["targets"]]


def _report(round_id: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "roundId": round_id,
        "taskNumber": 7,
        "summary": "开发公益性岗位120个",
        "completion": 40,
        "values": values,
        "expectedVersion": 0,  # no report yet
    }


async def test_values_as_clerks_type_them(api: Api) -> None:
    round_id, (household, employment) = await _round(api)

    # drafts: the ways a clerk types the employment count, and a JSON number
    version = 0  # each save moves the draft on by one version
    for typed, value in (
        ("24,000人", "24000"),
        ("２４，０００", "24000"),
        ("2.4 万人", "24000"),
        ("23999", "23999"),
        (25000, "25000"),
        (24000.5, "24000.5"),
    ):
        draft = await ok(
            api,
            SAVE,
            {
                **_report(round_id, [{"targetId": employment, "value": typed}]),
                "expectedVersion": version,
            },
            "shuangjiang",
            "saveProgressReport",
        )
        [read] = draft["report"]["values"]
        assert (read["value"], read["typed"]) == (value, str(typed))
        version += 1

    # written into the query itself: a string, an integer, a float
    for literal, value, typed in (
        ('"2.4万"', "24000", "2.4万"),
        ("24000", "24000", "24000"),
        ("2.4E4", "24000", "24000"),
    ):
        inline = (
            f'mutation {{ saveProgressReport(input: {{ roundId: "{round_id}", taskNumber: 7, '
            f'summary: "草稿", completion: 10, expectedVersion: {version}, '
            f'values: [{{ targetId: "{employment}", '
            f"value: {literal} }}] }}) {{ report {{ values {{ value typed }} }} "
            "userErrors { field message } } }"
        )
        saved = (await api.data(inline, token="shuangjiang"))["saveProgressReport"]
        assert saved["report"]["values"] == [{"value": value, "typed": typed}], saved
        version += 1

    submitted = await ok(
        api,
        SUBMIT,
        {
            **_report(
                round_id,
                [
                    {"targetId": household, "value": "１"},
                    {"targetId": employment, "value": "2.4万"},
                ],
            ),
            "expectedVersion": version,
        },
        "shuangjiang",
        "submitProgressReport",
    )
    values = submitted["report"]["values"]
    assert [(v["value"], v["typed"], v["attainment"]) for v in values] == [
        ("1", "１", "ATTAINED"),
        ("24000", "2.4万", "NOT_APPLICABLE"),  # a town's part of a district total
    ]
    stored = await TargetValue.get(target_id=from_global_id(employment)[1])
    assert (stored.value, stored.value_typed) == (Decimal(24000), "2.4万")

    # read back in the round, as typed and in the target's unit
    task = (await api.data(ROUND, {"id": round_id}, token="office"))["round"]["tasks"][0]
    assert task["reports"][0]["values"][1] == {
        "value": "24000",
        "typed": "2.4万",
        "baselineValue": None,
        "baselineTyped": None,
        "attainment": "NOT_APPLICABLE",
        "target": {"metric": values[1]["target"]["metric"]},
    }


@pytest.mark.parametrize(
    ("typed", "field", "said"),
    [
        ("NaN", "value", "“NaN”不是数值：请填写数字，可带单位“人”或“万人”，如 24000 或 2.4万"),
        ("Infinity", "value", "“Infinity”不是数值"),
        ("-Infinity", "value", "不是数值"),
        ("1e999999", "value", "不是数值"),
        ("约两万", "value", "“约两万”不是数值：请填写数字，可带单位“人”或“万人”"),
        ("99%", "value", "“99%”的单位与指标不符（此项以“人”计）"),
        ("8420元", "value", "单位与指标不符"),
        ("0.00001", "value", "小数位数过多"),
        ("99999999999999999", "value", "超出可填写的范围"),
        (
            "2.4万\u202e",
            "value",
            "含有无法识别的字符",
        ),  # (a NUL is refused before, by the input guard)
        ("NaN", "baselineValue", "“NaN”不是数值"),
    ],
)
async def test_what_is_not_a_value_is_refused_on_its_field(
    api: Api, typed: str, field: str, said: str
) -> None:
    round_id, (_, employment) = await _round(api)
    value = {"targetId": employment, "value": "24000", field: typed}
    for mutation, name in (
        (SUBMIT_LEAN, "submitProgressReport"),
        (SAVE_LEAN, "saveProgressReport"),
    ):
        body = await api.data(mutation, {"input": _report(round_id, [value])}, "shuangjiang")
        payload = body[name]
        assert payload["report"] is None
        [error] = payload["userErrors"]
        assert (error["code"], error["field"]) == ("INVALID", ["values", "0", field])
        assert said in error["message"], error["message"]
    assert await TargetValue.all().count() == 0


async def test_json_nan_and_infinity_are_refused_as_user_errors(api: Api) -> None:
    """Python's JSON reader takes the bare tokens NaN and Infinity: they arrive as numbers that
    are not numbers, and are refused like the text "NaN"."""
    round_id, (_, employment) = await _round(api)
    for token in ("NaN", "Infinity", "-Infinity", "1e999999"):
        input = json.dumps(_report(round_id, [{"targetId": employment, "value": 0}]))
        body = json.dumps({"query": SUBMIT_LEAN, "variables": {"input": "@"}}).replace(
            '"@"', input.replace('"value": 0', f'"value": {token}')
        )
        response = await api.client.post(
            "/graphql",
            content=body,
            headers={
                "Authorization": f"Bearer {api.tokens['shuangjiang']}",
                "Content-Type": "application/json",
            },
        )
        assert response.status_code == 200, response.text
        payload = response.json()["data"]["submitProgressReport"]
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
            ("INVALID", ["values", "0", "value"])
        ], token
    assert await TargetValue.all().count() == 0


async def _store_by_hand(value_id: int, text: str) -> None:
    """What a value written before values were checked may hold, put straight into the table."""
    await connections.get("default").execute_script(
        f"UPDATE target_value SET value = '{text}' WHERE id = {value_id}"
    )


async def test_a_stored_nan_breaks_no_read_and_no_bulletin(api: Api, backend: str) -> None:
    round_id, (household, employment) = await _round(api)
    await ok(
        api,
        SUBMIT_LEAN,
        _report(
            round_id,
            [{"targetId": household, "value": "1"}, {"targetId": employment, "value": "24000"}],
        ),
        "shuangjiang",
        "submitProgressReport",
    )
    stored = await TargetValue.get(target_id=from_global_id(employment)[1])
    # PostgreSQL's DECIMAL(20, 4) holds NaN but no infinity; SQLite's text column holds anything
    bad = ["NaN"] if backend == "postgres" else ["NaN", "Infinity", "1E+999999", "约两万"]
    for text in bad:
        await _store_by_hand(stored.id, text)
        seen = await api.data(ATTAINMENT, {"id": round_id}, token="viewer")
        assert seen["round"]["tasks"][0]["targets"] == [
            {"attainment": "PENDING"},  # each town on its own value: the others have not reported
            {"attainment": "NOT_EVALUABLE"},
        ]
        for token in ("office", "shuangjiang", "hr", "viewer"):
            task = (await api.data(ROUND, {"id": round_id}, token=token))["round"]["tasks"][0]
            [household_result, employment_result] = task["targets"]
            assert household_result["attainment"] == "PENDING"
            assert employment_result == {
                "target": employment_result["target"],
                "attainment": "NOT_EVALUABLE",
                "attained": 0,
                "notAttained": 0,
                "notEvaluable": 1,
            }
            read = task["reports"][0]["values"][1]
            assert (read["value"], read["typed"], read["attainment"]) == (
                None,
                "24000",
                "NOT_EVALUABLE",
            )

    # a value stored before the typed text was kept shows what is stored
    await TargetValue.filter(id=stored.id).update(value_typed=None)
    task = (await api.data(ROUND, {"id": round_id}, token="office"))["round"]["tasks"][0]
    assert task["reports"][0]["values"][1]["typed"] == "NaN"

    issued = await ok(
        api, ISSUE, {"kind": "PROGRESS_BULLETIN", "roundId": round_id}, "office", "issueDocument"
    )
    document = await Document.get(id=from_global_id(issued["document"]["id"])[1])
    assert "报送数值有误，无法判定" in document.snapshot
    assert "报送数值有误无法判定1项" in document.snapshot
