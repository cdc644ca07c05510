"""What a caller may ask for: the cost estimate from the plan's real sizes, the response-size cap,
and the per-caller budget of cost points (HTTP 429 with Retry-After), with the caller's
address taken from X-Forwarded-For only behind a trusted proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import print_ast

from examples import unit_client
from tests.e2e.api.test_dashboard import DASHBOARD
from tests.support.api import Api, api_for
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import Unit
from tongnan.schema import cost as cost_module

HEAVY = "{units{duties{task{responsibleUnits{duties{task{title body label}}}}}}}"
LIGHT = "{ plan { code } }"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _errors(body: dict[str, Any]) -> list[dict[str, Any]]:
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, body
    return errors


async def _cost_of(api: Api, query: str, variables: dict[str, Any] | None = None) -> int:
    """The estimate, read from the refusal under a limit of 0 points."""
    body = (await api.post(query, variables)).json()
    extensions = _errors(body)[0]["extensions"]
    assert extensions["code"] == "COST_LIMIT", body
    cost: int = extensions["cost"]
    return cost


@pytest.fixture
async def priced(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    """Every query is refused, and says its cost."""
    async for value in api_for(db_url, max_cost=1):
        yield value


async def test_the_seven_megabyte_query_is_refused_by_its_cost(api: Api) -> None:
    body = (await api.post(HEAVY)).json()
    assert body.get("data") is None
    error = _errors(body)[0]
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["cost"] > 10 * 50_000  # sized from the plan, not a flat 10
    assert error["extensions"]["limit"] == 50_000
    assert error["message"].startswith("一次查询的内容过多")


async def test_costs_follow_the_plan(priced: Api) -> None:
    heavy = await _cost_of(priced, HEAVY)
    dashboard = await _cost_of(priced, DASHBOARD)
    print(f"cost: item-7 query {heavy}, dashboard {dashboard}")
    assert dashboard < 10_000 < 50_000 < heavy
    # a task's body weighs ten scalars
    title = await _cost_of(priced, "{ task(number: 7) { title } }")
    body = await _cost_of(priced, "{ task(number: 7) { body } }")
    assert (title, body) == (2, 11)
    # a page asks for no more tasks than the plan holds
    assert await _cost_of(priced, "{ tasks(first: 100) { nodes { number } } }") == 1 + 22 * 2
    assert await _cost_of(priced, "{ tasks(first: 5) { nodes { number } } }") == 1 + 5 * 2
    # the variable's value counts, and each value is its own estimate
    paged = "query($n: Int) { tasks(first: $n) { nodes { number } } }"
    assert await _cost_of(priced, paged, {"n": 3}) == 1 + 3 * 2
    assert await _cost_of(priced, paged, {"n": 4}) == 1 + 4 * 2
    # the whole directory: every unit
    assert await _cost_of(priced, "{ units { name } }") == 1 + await Unit.all().count()


async def test_ordinary_queries_still_pass(api: Api) -> None:
    await api.data(DASHBOARD)
    await api.data(DASHBOARD, token="viewer")
    for request, variables in (
        (unit_client.WHO_AM_I, {}),
        (unit_client.OUR_TASKS, {"unit": "双江镇"}),
        (unit_client.CHAIN, {"task": 7, "unit": "双江镇"}),
    ):
        await api.data(print_ast(request.document), variables, token="shuangjiang")


async def test_a_cost_is_computed_once_per_document(
    db_url: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = cost_module.query_cost

    def counting(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(cost_module, "query_cost", counting)
    async for api in api_for(db_url, response_cache_entries=0):
        for _ in range(3):
            await api.data(DASHBOARD)
        assert len(calls) == 1


async def test_an_answer_over_the_size_cap_is_replaced_by_an_error(db_url: DatabaseUrl) -> None:
    async for api in api_for(db_url, max_response_bytes=4_000):
        response = await api.post(DASHBOARD)
        assert response.status_code == 200
        assert int(response.headers["content-length"]) == len(response.content) < 4_000
        body = response.json()
        assert body["data"] is None
        error = _errors(body)[0]
        assert error["extensions"] == {"code": "RESPONSE_TOO_LARGE", "limit": 4_000}
        assert error["message"].startswith("查询结果过大")
        assert (await api.data(LIGHT))["plan"]["code"]  # small answers are unchanged


async def _budgeted(db_url: DatabaseUrl, **settings: Any) -> AsyncIterator[tuple[Api, FakeClock]]:
    """One dashboard fits in the budget; a second must wait. Time is the test's to move."""
    settings = {
        "cost_budget": 6_000,
        "cost_refill_per_minute": 6_000,  # 100 points a second
        "response_cache_entries": 0,
        **settings,
    }
    async for api in api_for(db_url, **settings):
        clock = FakeClock()
        api.app.state.graphql.budget.clock = clock
        yield api, clock


async def test_a_spent_budget_answers_429_with_retry_after_and_refills(db_url: DatabaseUrl) -> None:
    async for api, clock in _budgeted(db_url):
        first = await api.post(DASHBOARD)
        assert first.status_code == 200 and "errors" not in first.json()
        refused = await api.post(DASHBOARD)
        assert refused.status_code == 429
        body = refused.json()
        assert body.get("data") is None
        error = _errors(body)[0]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert "请" in error["message"] and "秒后再试" in error["message"]
        wait = int(refused.headers["retry-after"])
        assert wait == error["extensions"]["retryAfter"] > 0

        signed_in = await api.post(DASHBOARD, token="viewer")  # another caller, its own budget
        assert signed_in.status_code == 200 and "errors" not in signed_in.json()

        clock.now += wait - 1
        assert (await api.post(DASHBOARD)).status_code == 429
        clock.now += 1
        again = await api.post(DASHBOARD)
        assert again.status_code == 200 and "errors" not in again.json()


async def _post_from(api: Api, forwarded_for: str) -> int:
    response = await api.client.post(
        "/graphql", json={"query": DASHBOARD}, headers={"X-Forwarded-For": forwarded_for}
    )
    return response.status_code


async def test_x_forwarded_for_is_ignored_from_an_untrusted_peer(db_url: DatabaseUrl) -> None:
    async for api, _ in _budgeted(db_url):
        assert await _post_from(api, "203.0.113.1") == 200
        assert await _post_from(api, "203.0.113.2") == 429  # the same peer, whatever it claims


async def test_x_forwarded_for_is_used_from_a_trusted_proxy(db_url: DatabaseUrl) -> None:
    proxies = (ipaddress.ip_network("127.0.0.1/32"),)  # the test client's peer address
    async for api, _ in _budgeted(db_url, trusted_proxies=proxies):
        assert await _post_from(api, "203.0.113.1") == 200
        assert await _post_from(api, "203.0.113.2") == 200  # another client behind the proxy
        assert await _post_from(api, "198.51.100.9, 203.0.113.1") == 429  # the proxy's own word


async def test_production_says_the_same(db_url: DatabaseUrl) -> None:
    async for api, _ in _budgeted(db_url, env="production"):
        assert (await api.post(DASHBOARD)).status_code == 200
        refused = await api.post(DASHBOARD)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert _errors(refused.json())[0]["extensions"]["code"] == "RATE_LIMITED"
        body = (await api.post(HEAVY, token="viewer")).json()
        assert _errors(body)[0]["extensions"]["code"] == "COST_LIMIT"
