"""The protections: each limit refuses what it should, and says which limit."""

from __future__ import annotations

import json

import pytest

from tests.support.api import Api


def _message(body: dict[str, object]) -> str:
    errors = body["errors"]
    assert isinstance(errors, list) and errors
    return " ".join(str(e["message"]) for e in errors)


async def test_depth_limit(api: Api) -> None:
    nested = "name"
    for _ in range(12):
        nested = f"members {{ {nested} }}"
    body = (await api.post(f'{{ unit(name: "各镇街") {{ {nested} }} }}')).json()
    assert "查询的层级太深（最多 12 层）" in _message(body)
    assert body.get("data") is None


async def test_alias_limit(api: Api) -> None:
    aliases = " ".join(f"a{i}: plan {{ code }}" for i in range(31))
    body = (await api.post(f"{{ {aliases} }}")).json()
    assert "一次查询用了 31 个别名，最多 30 个" in _message(body)


async def test_token_limit(api: Api) -> None:
    fields = " ".join("__typename" for _ in range(4100))
    body = (await api.post(f"{{ {fields} }}")).json()
    assert "查询语句太长（超过 4000 个词）" in _message(body)


async def test_cost_limit(api: Api) -> None:
    query = "{ units { members { duties { task { responsibleUnits { members { name } } } } } } }"
    body = (await api.post(query)).json()
    # 1 + 40 units × (1 + 22 members × (1 + 20 duties × (1 + 1 + 3 units × (1 + 22 × 1))))
    assert "估算 1250521 点,上限 50000 点" in _message(body)
    small = '{ unit(name: "各镇街") { members { duties { task { responsibleUnits { name } } } } } }'
    assert "errors" not in (await api.post(small)).json()


async def test_body_size_limit_is_413(api: Api) -> None:
    big = json.dumps({"query": "{ plan { code } }", "variables": {"pad": "x" * 1_100_000}})
    response = await api.client.post(
        "/graphql", content=big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "最多 1048576 字节" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
)
async def test_only_json_posts(api: Api, content_type: str) -> None:
    response = await api.client.post(
        "/graphql", content=b"query=%7Bplan%7Bcode%7D%7D", headers={"Content-Type": content_type}
    )
    assert response.status_code == 415
    assert "application/json" in response.text


async def test_no_queries_or_mutations_over_get(api: Api) -> None:
    response = await api.client.get(
        "/graphql", params={"query": "{ plan { code } }"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.text == "queries are not allowed when using GET"
    mutation = await api.client.get(
        "/graphql",
        params={
            "query": "mutation { setTaskDueDate(input: {taskNumber: 1, dueDate: null, "
            "expectedVersion: 1}) { userErrors { code } } }"
        },
        headers={"Accept": "application/json"},
    )
    assert mutation.status_code == 400
    assert "not allowed when using GET" in mutation.text


async def test_batches_are_refused(api: Api) -> None:
    response = await api.client.post("/graphql", json=[{"query": "{ plan { code } }"}] * 2)
    assert response.status_code == 400


async def test_development_offers_graphiql_and_introspection(api: Api) -> None:
    page = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    body = (await api.post("{ __schema { queryType { name } } }")).json()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_production_hides_the_schema(production_api: Api) -> None:
    api = production_api
    assert (await api.client.get("/graphql", headers={"Accept": "text/html"})).status_code == 404
    body = (await api.post("{ __schema { queryType { name } } }")).json()
    assert "introspection" in _message(body).lower()
    typo = (await api.post("{ plan { cod } }")).json()
    assert "Cannot query field 'cod'" in _message(typo)
    assert "Did you mean" not in _message(typo)


async def test_production_masks_faults_with_an_id(
    production_api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    monkeypatch.setattr("tongnan.schema.plans.queries.filter_tasks", explode)
    body = (await production_api.post("{ tasks { totalCount } }")).json()
    message = _message(body)
    assert message.startswith("服务器内部出错（错误编号 ")
    assert "hunter2" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)
    error_id = body["errors"][0]["extensions"]["errorId"]
    assert any(error_id in record.getMessage() for record in caplog.records)
