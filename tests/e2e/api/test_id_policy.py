"""One answer to a bad id in every feature: malformed or of another type is INVALID on the field
(mutations) or the field's error (queries); an id naming nothing is NOT_FOUND or null.

Keys no row can have (0, 2³¹ and above) count as naming nothing: PostgreSQL would refuse such a
number, so before the single decoder they surfaced as internal errors there.
"""

from __future__ import annotations

import base64
from typing import Any

from tests.support.api import Api
from tongnan.schema.common.ids import to_global_id

MISSING = 999_999
TOO_BIG = 2**31


def _raw(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def bad_ids(type_name: str, wrong_type: str = "Task") -> dict[str, str]:
    return {
        "malformed": "42",  # a bare number is not an id
        "garbled": _raw(f"{type_name}:x"),
        "wrong type": to_global_id(wrong_type, 1),
    }


def missing_ids(type_name: str) -> list[str]:
    return [to_global_id(type_name, key) for key in (MISSING, TOO_BIG, 0)]


async def user_errors(
    api: Api, mutation: str, field: str, input: dict[str, Any]
) -> list[tuple[str, list[str]]]:
    response = await api.post(mutation, {"input": input}, token="office")
    body = response.json()
    assert "errors" not in body, body
    payload = body["data"][field]
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


async def query_error(api: Api, query: str, id: str) -> str:
    body = (await api.post(query, {"id": id}, token="office")).json()
    assert body.get("errors"), body
    message: str = body["errors"][0]["message"]
    assert "internal error" not in message
    return message


async def query_data(api: Api, query: str, id: str) -> Any:
    return await api.data(query, {"id": id}, token="office")


async def _check_query(api: Api, query: str, field: str, type_name: str) -> None:
    for case, id in bad_ids(type_name).items():
        message = await query_error(api, query, id)
        assert message.startswith("id:"), (case, message)
        assert ("应为" if case == "wrong type" else "不是本系统给出的编号") in message, case
    for id in missing_ids(type_name):
        assert (await query_data(api, query, id))[field] is None, id


async def _check_mutation(
    api: Api, mutation: str, field: str, type_name: str, input: dict[str, Any], key: str
) -> None:
    path = [key]
    for case, id in bad_ids(type_name).items():
        assert await user_errors(api, mutation, field, {**input, key: id}) == [("INVALID", path)], (
            case
        )
    for id in missing_ids(type_name):
        assert await user_errors(api, mutation, field, {**input, key: id}) == [
            ("NOT_FOUND", path)
        ], id


NODE = "query($id: ID!) { node(id: $id) { id } }"


async def test_plan_objects_by_id(api: Api) -> None:
    """The plan feature's mutations take task numbers and unit names, not ids: ``node`` is where
    its ids are read."""
    task = (await api.data("{ task(number: 3) { id } }"))["task"]["id"]
    assert (await query_data(api, NODE, task))["node"] == {"id": task}
    for id in ["42", _raw("Task:x"), _raw("Nothing:1")]:
        assert "不是本系统给出的编号" in await query_error(api, NODE, id)
    for type_name in ("Task", "Assignment", "Target", "WorkPlan"):
        for id in missing_ids(type_name):
            assert (await query_data(api, NODE, id))["node"] is None, id


async def test_directory_objects_by_id(api: Api) -> None:
    """The directory's one mutation (setGroupMembers) takes names; its units are read by id
    through ``node``, and their audit history through ``history``."""
    unit = (await api.data('{ unit(name: "双江镇") { id } }'))["unit"]["id"]
    assert (await query_data(api, NODE, unit))["node"] == {"id": unit}
    assert "不是本系统给出的编号" in await query_error(api, NODE, _raw("Unit:双江镇"))
    for id in missing_ids("Unit"):
        assert (await query_data(api, NODE, id))["node"] is None, id
    history = "query($id: ID!) { history(id: $id) { action } }"
    assert "不是本系统给出的编号" in await query_error(api, history, "42")
    assert (await query_data(api, history, to_global_id("Unit", TOO_BIG)))["history"] == []


async def test_reporting_ids(api: Api) -> None:
    close = """mutation($input: CloseReportingRoundInput!) { closeReportingRound(input: $input) {
      round { id } userErrors { field code message } } }"""
    await _check_mutation(
        api, close, "closeReportingRound", "ReportingRound", {"expectedVersion": 1}, "roundId"
    )
    review = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
      report { id } userErrors { field code message } } }"""
    await _check_mutation(
        api,
        review,
        "reviewProgressReport",
        "ProgressReport",
        {"decision": "ACCEPT", "expectedVersion": 1},
        "reportId",
    )
    await _check_query(api, "query($id: ID!) { round(id: $id) { id } }", "round", "ReportingRound")
    await _check_query(
        api,
        "query($id: ID!) { progressReport(id: $id) { id } }",
        "progressReport",
        "ProgressReport",
    )


async def test_supervision_ids(api: Api) -> None:
    update = """mutation($input: UpdateSupervisionInput!) { updateSupervision(input: $input) {
      supervision { id } userErrors { field code message } } }"""
    await _check_mutation(
        api, update, "updateSupervision", "Supervision", {"expectedVersion": 1}, "id"
    )
    verify = """mutation($input: CheckRectificationItemInput!) {
      verifyRectificationItem(input: $input) { item { id } userErrors { field code message } } }"""
    await _check_mutation(
        api,
        verify,
        "verifyRectificationItem",
        "RectificationItem",
        {"expectedVersion": 1, "note": "x"},
        "itemId",
    )
    await _check_query(
        api, "query($id: ID!) { supervision(id: $id) { id } }", "supervision", "Supervision"
    )
    await _check_query(
        api,
        "query($id: ID!) { rectificationItem(id: $id) { id } }",
        "rectificationItem",
        "RectificationItem",
    )
    await _check_query(
        api, "query($id: ID!) { urgeNotice(id: $id) { id } }", "urgeNotice", "UrgeNotice"
    )
    ledger = """query($id: ID!) { rectificationLedger(filter: {findingId: $id}) {
      summary { total } } }"""
    for id in missing_ids("Finding"):
        assert (await query_data(api, ledger, id))["rectificationLedger"]["summary"]["total"] == 0
    assert "filter.findingId:应为问题的编号" in await query_error(
        api, ledger, to_global_id("Task", 1)
    )


async def test_documents_ids(api: Api) -> None:
    issue = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
      document { id } userErrors { field code message } } }"""
    await _check_mutation(
        api, issue, "issueDocument", "ReportingRound", {"kind": "PROGRESS_BULLETIN"}, "roundId"
    )
    await _check_query(api, "query($id: ID!) { document(id: $id) { id } }", "document", "Document")
