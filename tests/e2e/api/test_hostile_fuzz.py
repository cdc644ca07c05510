"""Generated queries and mutations (valid and broken), against the production configuration:
never an HTTP 500, never a traceback in a response, every error well-formed."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries

from tests.conftest import REPO
from tests.e2e.api.conftest import Api

SDL = (REPO / "schema.graphql").read_text(encoding="utf-8")
EXAMPLES = 250


def _string_node(text: str) -> graphql.StringValueNode:
    return graphql.StringValueNode(value=text)


# Our custom scalars: valid values and junk alike.
SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    name: st.one_of(valid.map(str), st.text(max_size=20)).map(_string_node)
    for name, valid in (
        ("Date", st.dates()),
        ("DateTime", st.datetimes()),
        ("Decimal", st.decimals(allow_nan=False, allow_infinity=False, places=2)),
        (
            "Quantity",  # as clerks type values, and what no clerk should
            st.one_of(
                st.decimals(),  # NaN and infinities included
                st.sampled_from(("2.4万", "8420元", "99%", "1,234", "８７００", "1e999999", "-0")),
            ),
        ),
    )
}


def _check(response: Any) -> None:
    assert response.status_code in {200, 400, 401, 413, 415}, response.text[:500]
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    if response.headers.get("content-type", "").startswith("application/json"):
        body = json.loads(text)
        for error in body.get("errors") or []:
            assert isinstance(error.get("message"), str) and error["message"]


async def _run(api: Api, strategy: st.SearchStrategy[str], token: str | None) -> None:
    """Hypothesis drives a worker thread; each request runs on the test's own event loop."""
    loop = asyncio.get_running_loop()

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(query=strategy)
    def check(query: str) -> None:
        response = asyncio.run_coroutine_threadsafe(api.post(query, token=token), loop).result(60)
        _check(response)

    await asyncio.to_thread(check)


@pytest.mark.parametrize("token", [None, "office"])
async def test_generated_queries(production_api: Api, token: str | None) -> None:
    await _run(production_api, queries(SDL, custom_scalars=SCALARS), token)


@pytest.mark.parametrize("token", [None, "office", "shuangjiang"])
async def test_generated_mutations(production_api: Api, token: str | None) -> None:
    await _run(production_api, mutations(SDL, custom_scalars=SCALARS), token)


async def test_broken_documents(production_api: Api) -> None:
    await _run(production_api, st.text(max_size=300), "viewer")
