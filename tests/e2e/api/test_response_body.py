"""Response bodies: UTF-8 JSON (Chinese as its own bytes), and the response cache sized by the
body that was sent, with no second encoding."""

from __future__ import annotations

import json

from tests.support.api import Api
from tongnan.server.graphql_app import GraphQLEndpoint


def endpoint_of(api: Api) -> GraphQLEndpoint:
    for route in api.app.routes:
        endpoint = getattr(route, "endpoint", None)
        if isinstance(endpoint, GraphQLEndpoint):
            return endpoint
    raise AssertionError("no GraphQL endpoint")


async def test_chinese_is_sent_as_utf8_not_escapes(api: Api) -> None:
    response = await api.post("{ tasks(first: 3) { nodes { title } } }", token="office")
    assert response.status_code == 200
    body = response.content
    title = response.json()["data"]["tasks"]["nodes"][0]["title"]
    assert title.encode("utf-8") in body
    assert b"\\u" not in body
    assert response.headers["content-type"].startswith("application/json")


async def test_the_cache_keeps_a_result_under_its_body_size(api: Api) -> None:
    cache = endpoint_of(api).results
    sizes: list[int] = []
    original = cache.put

    def put(key: object, value: object, size: int = 0) -> None:
        sizes.append(size)
        original(key, value, size)

    cache.put = put  # type: ignore[method-assign]
    first = await api.post("{ tasks(first: 5) { nodes { number title } } }", token="office")
    again = await api.post("{ tasks(first: 5) { nodes { number title } } }", token="office")
    assert sizes == [len(first.content)]  # kept once, sized by what was sent
    assert again.content == first.content
    assert json.loads(again.content)["data"]["tasks"]["nodes"][0]["number"] == 1
