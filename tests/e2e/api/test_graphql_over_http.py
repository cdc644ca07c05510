"""GraphQL over HTTP: ``application/graphql-response+json`` for callers that accept it (a request
that never ran is a 400 without ``data``), ``application/json`` as before for the others."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.api import Api

NEW = "application/graphql-response+json"


async def _post(api: Api, body: dict[str, Any], accept: str | None) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return await api.client.post("/graphql", json=body, headers=headers)


@pytest.mark.parametrize(
    "accept", [NEW, f"{NEW}, application/json;q=0.9", f"application/json;q=0.5, {NEW}"]
)
async def test_the_new_media_type_when_accepted(api: Api, accept: str) -> None:
    ok = await _post(api, {"query": "{ plans { code } }"}, accept)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith(NEW)
    assert ok.json()["data"]["plans"]

    for body in (
        {"query": "{ plans { code "},  # does not parse
        {"query": "{ plans { nope } }"},  # does not validate
        {"query": "query($n: Int!) { task(number: $n) { title } }", "variables": {"n": "x"}},
        {"query": "query($n: Int!) { task(number: $n) { title } }"},  # missing variable
    ):
        refused = await _post(api, body, accept)
        assert refused.status_code == 400, refused.text
        assert refused.headers["content-type"].startswith(NEW)
        assert "data" not in refused.json() and refused.json()["errors"]


async def test_a_field_error_is_still_200_with_data(api: Api) -> None:
    response = await _post(api, {"query": '{ rounds(planCode: "x") { name } }'}, NEW)
    assert response.status_code == 200
    assert "data" in response.json() and response.json()["errors"]


@pytest.mark.parametrize("accept", [None, "application/json", f"application/json, {NEW};q=0.5"])
async def test_older_clients_keep_application_json(api: Api, accept: str | None) -> None:
    ok = await _post(api, {"query": "{ plans { code } }"}, accept)
    assert ok.headers["content-type"].startswith("application/json")
    refused = await _post(api, {"query": "{ plans { nope } }"}, accept)
    assert refused.status_code == 200
    assert refused.headers["content-type"].startswith("application/json")
    assert refused.json()["data"] is None and refused.json()["errors"]
