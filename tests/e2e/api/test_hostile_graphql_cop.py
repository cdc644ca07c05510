"""The GraphQL Cop list of checks, each against the production configuration."""

from __future__ import annotations

import json

from tests.support.api import Api


def _errors(response_json: dict[str, object]) -> str:
    errors = response_json.get("errors")
    assert isinstance(errors, list) and errors, response_json
    return " ".join(str(e["message"]) for e in errors)


async def test_alias_overloading(production_api: Api) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }"
    assert "个别名" in _errors((await production_api.post(query)).json())


async def test_batch_queries(production_api: Api) -> None:
    response = await production_api.client.post("/graphql", json=[{"query": "{ __typename }"}] * 10)
    assert response.status_code == 400


async def test_get_based_queries_and_mutations(production_api: Api) -> None:
    for query in ("{ __typename }", "mutation { __typename }"):
        response = await production_api.client.get(
            "/graphql", params={"query": query}, headers={"Accept": "application/json"}
        )
        assert response.status_code in {400, 404, 405}
        assert "data" not in response.text


async def test_urlencoded_post(production_api: Api) -> None:
    response = await production_api.client.post(
        "/graphql",
        content=b"query=%7B__typename%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415


async def test_no_tracing_or_debug_output(production_api: Api) -> None:
    body = (await production_api.post("{ plan { code } }")).json()
    assert "extensions" not in body or "tracing" not in json.dumps(body["extensions"])
    broken = (await production_api.post("{ plan { code ")).json()
    assert "Traceback" not in json.dumps(broken)


async def test_field_duplication(production_api: Api) -> None:
    query = "{ plan { " + " ".join(["title"] * 5000) + " } }"
    assert "查询语句太长" in _errors((await production_api.post(query)).json())


async def test_field_suggestions_are_off(production_api: Api) -> None:
    assert "Did you mean" not in _errors((await production_api.post("{ pla { code } }")).json())


async def test_graphiql_is_off(production_api: Api) -> None:
    response = await production_api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404


async def test_introspection_is_off(production_api: Api) -> None:
    for query in ("{ __schema { types { name } } }", '{ __type(name: "Task") { name } }'):
        assert "introspection" in _errors((await production_api.post(query)).json()).lower()


async def test_directive_overloading(production_api: Api) -> None:
    query = "{ plan { code " + "@skip(if: false) " * 1000 + "} }"
    response = await production_api.post(query)
    assert response.status_code == 200
    message = _errors(response.json())
    assert "查询语句太长" in message or "directive" in message.lower()


async def test_circular_introspection(production_api: Api) -> None:
    nested = "name"
    for _ in range(20):
        nested = f"fields {{ type {{ {nested} }} }}"
    message = _errors(
        (await production_api.post(f"{{ __schema {{ types {{ {nested} }} }} }}")).json()
    )
    assert "introspection" in message.lower() or "depth" in message
