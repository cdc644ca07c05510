"""Crafted requests that once reached unhandled faults: each is now a 400 or a refusal in plain
Chinese, with no driver text, in production and in development, on both backends.

The shapes: a JSON body that is a bare scalar or nested 1,000 deep; ids of 2^31 and more in
every place an id goes (the document route, ``node``, ``round``, ``progressReport``, updates
and reviews); a NUL character in any string; a text longer than its column; a malformed
.xlsx; an unknown plan code.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from tests.support.api import Api, api_for
from tests.support.crafted_xlsx import malformed
from tongnan.domain.common.database import DatabaseUrl
from tongnan.schema.common.ids import to_global_id

HUGE_KEYS = (2**31, 2**63)  # past PostgreSQL integer; past SQLite INTEGER
DRIVER_TEXT = re.compile(
    r"int32|int64|out of range|invalid byte sequence|UTF8|Length of|list index|unclosed token|"
    r"undefined entity|Traceback|internal error|服务器内部出错|value too long|INTEGER",
    re.IGNORECASE,
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(params=["production", "development"])
async def hostile_api(request: pytest.FixtureRequest, db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for api in api_for(db_url, env=request.param):
        yield api


def plain(response: httpx.Response, *, chinese: bool = True) -> list[str]:
    """The messages of a refusal (HTTP 400 text, JSON errors or userErrors), checked: no fault,
    no driver text, and (unless it is the domain's own not-found) every message in Chinese."""
    assert response.status_code in {200, 400, 404}, (response.status_code, response.text)
    assert not DRIVER_TEXT.search(response.text), response.text
    try:
        body: Any = response.json()
    except ValueError:
        messages = [response.text]
    else:
        messages = [e["message"] for e in body.get("errors") or []] if "errors" in body else []
        if isinstance(body.get("error"), str):
            messages.append(body["error"])
        for payload in (body.get("data") or {}).values():
            if isinstance(payload, dict):
                messages += [e["message"] for e in payload.get("userErrors") or []]
    assert messages, response.text
    for message in messages if chinese else ():
        assert CHINESE.search(message), message
    return messages


BODIES = [
    b"1",
    b'"x"',
    b"null",
    b"true",
    b"[1]",
    b"[" * 1000 + b"]" * 1000,
    b'{"query": "{ plans { code } }", "variables": {"a": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
    b'{"query": "{ plans { code } }", "variables": ' + b'{"a": ' * 200 + b"1" + b"}" * 201,
    b'{"query": 5}',
    b'{"query": "{ plans { code } }", "operationName": []}',
    b'{"query": "{ plans { code } }", "variables": "x"}',
]


async def test_bodies_that_are_not_a_request_are_400(hostile_api: Api) -> None:
    for body in BODIES:
        response = await hostile_api.client.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, body[:40]
        plain(response)


async def test_a_document_number_no_row_can_have_is_404(hostile_api: Api) -> None:
    headers = {"Authorization": f"Bearer {hostile_api.tokens['office']}"}
    for key in HUGE_KEYS:
        response = await hostile_api.client.get(f"/documents/{key}.pdf", headers=headers)
        assert response.status_code == 404
        plain(response, chinese=False)  # SQLite holds 2^31 and says the domain's "no document"


BY_ID = [
    ("node", "Task", "id"),
    ("node", "ProgressReport", "id"),
    ("round", "ReportingRound", "name"),
    ("progressReport", "ProgressReport", "summary"),
    ("supervision", "Supervision", "title"),
    ("finding", "Finding", "description"),
    ("history", "Task", "action"),
]


async def test_queries_by_an_id_no_row_can_have(hostile_api: Api) -> None:
    for key in HUGE_KEYS:
        for field, kind, selection in BY_ID:
            query = f'{{ {field}(id: "{to_global_id(kind, key)}") {{ {selection} }} }}'
            response = await hostile_api.post(query, token="office")
            assert response.status_code == 200
            body = response.json()
            assert not body.get("data") or body["data"][field] in (None, [])
            if body.get("errors"):
                plain(response, chinese=False)
                codes = {e["extensions"]["code"] for e in body["errors"]}
                assert codes <= {"NOT_FOUND", "INVALID"}, (query, body)


MUTATIONS: dict[str, tuple[str, Callable[[int], dict[str, Any]], str]] = {
    "reviewProgressReport": (
        "ReviewProgressReportInput",
        lambda key: {
            "reportId": to_global_id("ProgressReport", key),
            "decision": "ACCEPT",
            "expectedVersion": 1,
        },
        "office",
    ),
    "saveProgressReport": (
        "ProgressReportInput",
        lambda key: {
            "roundId": to_global_id("ReportingRound", key),
            "taskNumber": 1,
            "summary": "进展",
            "completion": 10,
            "expectedVersion": 0,
        },
        "shuangjiang",
    ),
    "updateSupervision": (
        "UpdateSupervisionInput",
        lambda key: {"id": to_global_id("Supervision", key), "expectedVersion": 1, "title": "x"},
        "office",
    ),
    "recordRectificationProgress": (
        "RecordRectificationProgressInput",
        lambda key: {
            "itemId": to_global_id("RectificationItem", key),
            "expectedVersion": 1,
            "content": "已整改",
        },
        "shuangjiang",
    ),
}


async def test_updates_and_reviews_of_an_id_no_row_can_have(hostile_api: Api) -> None:
    for key in HUGE_KEYS:
        for name, (input_type, make, token) in MUTATIONS.items():
            query = (
                f"mutation($input: {input_type}!) {{ {name}(input: $input) "
                "{ userErrors { field message code } } }"
            )
            response = await hostile_api.post(query, {"input": make(key)}, token=token)
            plain(response, chinese=False)
            codes = {e["code"] for e in response.json()["data"][name]["userErrors"]}
            assert codes and codes <= {"NOT_FOUND", "INVALID", "FORBIDDEN"}, (name, key)


CREATE_SUPERVISION = """mutation($input: CreateSupervisionInput!) { createSupervision(input: $input)
  { supervision { id } userErrors { field message code } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input)
  { report { id } userErrors { field message code } } }"""


NUL_REQUESTS: list[tuple[str, dict[str, Any] | None, str | None]] = [
    (
        CREATE_SUPERVISION,
        {"input": {"kind": "SPOT_CHECK", "title": "专项\x00督查", "startsOn": "2025-05-01"}},
        "office",
    ),
    (
        SUBMIT,
        {
            "input": {
                "roundId": to_global_id("ReportingRound", 1),
                "taskNumber": 1,
                "summary": "已完成\x00",
                "completion": 10,
            }
        },
        "shuangjiang",
    ),
    (
        SUBMIT,
        {
            "input": {
                "roundId": to_global_id("ReportingRound", 1),
                "taskNumber": 1,
                "summary": "已完成",
                "completion": 10,
                "idempotencyKey": "k\x00",
            }
        },
        "shuangjiang",
    ),
    ('{ unit(name: "双江镇\\u0000") { name } }', None, None),
    ('{ rounds(planCode: "\\u0000") { name } }', None, "office"),
]


async def test_a_nul_character_is_refused_before_storage(hostile_api: Api) -> None:
    """In a title, a summary, an idempotency key, a literal, a plan code."""
    for query, variables, token in NUL_REQUESTS:
        response = await hostile_api.post(query, variables, token=token)
        assert any("空字符" in message for message in plain(response)), query
        assert response.json().get("data") is None


async def test_a_text_longer_than_its_column_is_a_user_error(hostile_api: Api) -> None:
    title = "关于开展巩固拓展脱贫攻坚成果专项督查" * 20
    response = await hostile_api.post(
        CREATE_SUPERVISION,
        {"input": {"kind": "SPOT_CHECK", "title": title, "startsOn": "2025-05-01"}},
        token="office",
    )
    (message,) = plain(response)
    (error,) = response.json()["data"]["createSupervision"]["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID", ["title"])
    assert "255" in message


IMPORT = """mutation($input: ImportRectificationLedgerInput!) {
  importRectificationLedger(input: $input) { rowErrorCount userErrors { field message code } } }"""


async def test_a_malformed_workbook_is_a_user_error(hostile_api: Api) -> None:
    for name, content in malformed().items():
        variables = {"input": {"contentBase64": base64.b64encode(content).decode()}}
        response = await hostile_api.post(IMPORT, variables, "office")
        plain(response)
        (error,) = response.json()["data"]["importRectificationLedger"]["userErrors"]
        assert error["code"] == "INVALID", name


async def test_an_unknown_plan_code_is_not_found(hostile_api: Api) -> None:
    for query in ('{ rounds(planCode: "x") { name } }', '{ warnings(planCode: "x") { level } }'):
        response = await hostile_api.post(query, token="office")
        (message,) = plain(response)
        assert "x" in message
        assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_shapes_are_json_safe() -> None:
    """The NUL shapes travel as JSON escapes, as a client would send them."""
    assert "\\u0000" in json.dumps({"t": "a\x00"})
