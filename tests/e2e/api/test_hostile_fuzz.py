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

from tests.support.api import Api
from tests.support.files import REPO

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


async def _run(
    api: Api, strategy: st.SearchStrategy[str], token: str | None, *, raw: bool = False
) -> None:
    """Hypothesis drives a worker thread; each request runs on the test's own event loop.
    ``raw``: the strategy makes whole request bodies, not GraphQL documents."""
    loop = asyncio.get_running_loop()

    async def send(text: str) -> Any:
        if not raw:
            return await api.post(text, token=token)
        headers = {"Content-Type": "application/json"}
        return await api.client.post("/graphql", content=text.encode(), headers=headers)

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(query=strategy)
    def check(query: str) -> None:
        response = asyncio.run_coroutine_threadsafe(send(query), loop).result(60)
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


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=20,
)
NESTED = st.integers(min_value=1, max_value=1200).map(lambda n: "[" * n + "]" * n)


async def test_generated_bodies(production_api: Api) -> None:
    """Any JSON (a scalar, a list, members of the wrong type, very deep nesting): 400, never 500."""
    requests = st.fixed_dictionaries(
        {"query": st.just("{ plans { code } }") | JSON},
        optional={"variables": JSON, "operationName": JSON, "extensions": JSON},
    )
    bodies = st.one_of(JSON.map(json.dumps), requests.map(json.dumps), NESTED)
    await _run(production_api, bodies, None, raw=True)


async def test_generated_ids_and_texts(production_api: Api) -> None:
    """Ids of any size and texts with any character (NUL included) where ids and texts go."""
    from tongnan.schema.common.ids import to_global_id

    kinds = st.sampled_from(["Task", "ReportingRound", "ProgressReport", "Supervision", "Unit"])
    ids = st.builds(to_global_id, kinds, st.integers(min_value=-(2**70), max_value=2**70))
    queries = st.one_of(
        ids.map(lambda i: f'{{ node(id: "{i}") {{ id }} }}'),
        ids.map(lambda i: f'{{ round(id: "{i}") {{ name }} }}'),
        ids.map(lambda i: f'{{ progressReport(id: "{i}") {{ summary }} }}'),
        st.text(max_size=40).map(lambda t: f"{{ unit(name: {json.dumps(t)}) {{ name }} }}"),
        st.text(max_size=40).map(lambda t: f"{{ rounds(planCode: {json.dumps(t)}) {{ name }} }}"),
    )
    await _run(production_api, queries, "office")
