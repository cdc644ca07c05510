"""Every query the project writes down answers the same through its compiled plan as through
graphql-core's executor: status, data, errors and nulls, for each kind of caller."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import (
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    TypeNode,
    parse,
)

from tests.support.api import Api, api_for
from tests.support.databases import Databases
from tests.support.operations import collected_operations
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.schema.compiled import CompilingExecutionContext, PlanStore, compile_documents
from tongnan.server.graphql_app import GraphQLEndpoint

CALLERS = (None, "office", "shuangjiang", "supervisor", "viewer")
ERROR_ID = re.compile(r"[0-9a-f]{12}")
INTERNAL_FAULTS = {
    "AssertionError",
    "AttributeError",
    "KeyError",
    "NameError",
    "SyntaxError",
    "TypeError",
    "UnboundLocalError",
}


@pytest.fixture(params=["development", "production"])
async def api(db_url: DatabaseUrl, request: pytest.FixtureRequest) -> AsyncIterator[Api]:
    async for value in api_for(db_url, env=request.param, response_cache_entries=0):
        yield value


def store_of(api: Api) -> PlanStore:
    for route in api.app.routes:
        endpoint = getattr(route, "endpoint", None)
        if isinstance(endpoint, GraphQLEndpoint):
            context_class = endpoint.schema.execution_context_class  # type: ignore[attr-defined]
            assert issubclass(context_class, CompilingExecutionContext)
            store: PlanStore = context_class.store
            return store
    raise AssertionError("no GraphQL endpoint")


def _named(node: TypeNode) -> tuple[str, bool]:
    if isinstance(node, NonNullTypeNode):
        return _named(node.type)
    if isinstance(node, ListTypeNode):
        return _named(node.type)[0], True
    assert isinstance(node, NamedTypeNode)
    return node.name.value, False


def variables_for(document: str, name: str | None, task_id: str) -> dict[str, Any]:
    """Plausible values for the operation's variables (the bundled plan's task 7, 双江镇)."""
    samples: dict[str, Any] = {
        "Int": 7,
        "String": "双江镇",
        "Boolean": True,
        "ID": task_id,
        "Date": "2025-06-30",
    }
    values: dict[str, Any] = {}
    for definition in parse(document).definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if name is not None and (definition.name is None or definition.name.value != name):
            continue
        for variable in definition.variable_definitions or ():
            type_name, is_list = _named(variable.type)
            if type_name in samples:
                sample = samples[type_name]
                values[variable.variable.name.value] = [sample] if is_list else sample
    return values


def _without_files(value: Any) -> Any:
    """An exported workbook (base64 of a zip) stamps the second it was made: left out."""
    if isinstance(value, dict):
        return {k: _without_files(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_files(v) for v in value]
    if isinstance(value, str) and value.startswith("UEsDB"):
        return "<zip>"
    return value


def comparable(body: dict[str, Any]) -> dict[str, Any]:
    """The body with each masked fault's random error id made the same, files left out."""
    body = _without_files(body)
    for error in body.get("errors") or ():
        extensions = error.get("extensions") or {}
        if "errorId" in extensions:
            extensions["errorId"] = "-"
        error["message"] = ERROR_ID.sub("-", error.get("message", ""))
    return body


async def ask(
    api: Api, document: str, name: str | None, variables: dict[str, Any], caller: str | None
) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {api.tokens[caller]}"} if caller else {}
    payload: dict[str, Any] = {"query": document, "variables": variables}
    if name is not None:
        payload["operationName"] = name
    response = await api.client.post("/graphql", json=payload, headers=headers)
    return response.status_code, comparable(response.json())


async def test_every_written_query_answers_the_same_on_both_paths(api: Api) -> None:
    store = store_of(api)
    task = await api.data("{ task(number: 7) { id } }", token="office")
    task_id = task["task"]["id"]
    operations = collected_operations()
    assert len(operations) > 80, "the operations of the tests were not found"
    differences = []
    for where, document, name in operations:
        variables = variables_for(document, name, task_id)
        for caller in CALLERS:
            store.enabled = False
            expected = await ask(api, document, name, variables, caller)
            store.enabled = True
            got = await ask(api, document, name, variables, caller)
            if got != expected:
                differences.append((where, name, caller, expected, got))
    assert not differences, differences[:3]
    print("compiled:", store.compiled_runs, "fallbacks:", store.fallback_reasons)
    # a fallback is an error the answer shows, never a fault of the compiled steps themselves
    faults = [r for r in store.fallback_reasons if r.split(":")[0] in INTERNAL_FAULTS]
    assert not faults, faults
    # The check means something only if most answers did come from compiled plans.
    assert store.compiled_runs > len(operations), (store.compiled_runs, store.fallback_reasons)


async def test_the_dashboard_runs_compiled_for_every_caller(api: Api) -> None:
    store = store_of(api)
    dashboard = next(d for w, d, n in collected_operations() if w == "bench/api/dashboard.graphql")
    for caller in CALLERS:
        before = store.compiled_runs
        status, body = await ask(api, dashboard, None, {}, caller)
        assert status == 200 and "errors" not in body, body
        assert len(body["data"]["tasks"]["nodes"]) > 10
        assert store.compiled_runs == before + 1, store.fallback_reasons


async def test_an_error_falls_back_to_the_normal_answer(api: Api) -> None:
    """A refused field inside a compiled query: the normal path's error and null, unchanged."""
    store = store_of(api)
    query = "{ plan { code } task(number: 99999) { number } tasks(first: -1) { totalCount } }"
    store.enabled = False
    expected = await ask(api, query, None, {}, "office")
    store.enabled = True
    fallbacks = store.fallbacks
    got = await ask(api, query, None, {}, "office")
    assert got == expected
    assert expected[1].get("errors"), expected
    assert store.fallbacks == fallbacks + 1


async def test_trusted_documents_are_compiled_before_any_request(api: Api) -> None:
    """The manifest's queries are compiled at start; what is left says why; the answers stay."""
    endpoint = next(
        e for r in api.app.routes if isinstance(e := getattr(r, "endpoint", None), GraphQLEndpoint)
    )
    store = store_of(api)
    dashboard = next(d for w, d, n in collected_operations() if w == "bench/api/dashboard.graphql")
    texts = [
        dashboard,
        "query Skip($s: Boolean!) { plan { code @skip(if: $s) } }",
        "{ __schema { queryType { name } } }",
        "mutation M($i: UnassignTaskInput!) { unassignTask(input: $i) { __typename } }",
    ]
    left = compile_documents(endpoint.schema, texts)
    assert sorted(left.values()) == ["@skip on a variable", "introspection"], left
    plan = store.plans[(dashboard, "Dashboard")]
    assert not isinstance(plan, str) and plan.root is not None  # compiled, not yet run
    store.enabled = False
    expected = await ask(api, dashboard, None, {}, "office")
    store.enabled = True
    before = store.compiled_runs
    assert await ask(api, dashboard, None, {}, "office") == expected
    assert store.compiled_runs == before + 1


REPORT = """report { id kind status summary completion problems nextSteps late submittedAt
  reviewedAt reviewedBy reviewComment version task { number title } unit { name }
  round { name status } values { value typed target { metric } } }"""
PAYLOAD = f"{{ __typename {REPORT} userErrors {{ field message code }} }}"
OPEN = """mutation { openReportingRound(input: {name: "2025年6月调度", dueDate: "2025-06-25"}) {
  round { id name status dueDate } obligations unresolved userErrors { code } } }"""
SUBMIT = (
    f"mutation S($input: ProgressReportInput!) {{ submitProgressReport(input: $input) {PAYLOAD} }}"
)
SAVE = f"mutation($input: ProgressReportInput!) {{ saveProgressReport(input: $input) {PAYLOAD} }}"
# two root fields, run one after the other: a draft, then its submission over the draft's version
BOTH = f"""mutation($draft: ProgressReportInput!, $final: ProgressReportInput!) {{
  first: saveProgressReport(input: $draft) {PAYLOAD}
  ...on Mutation {{ second: submitProgressReport(input: $final) {{ report {{ status version }}
    userErrors {{ code }} }} }} }}"""
REVIEW = f"""mutation($input: ReviewProgressReportInput!) {{ reviewProgressReport(input: $input)
  {PAYLOAD} }}"""


def _report(round_id: str, task: int, version: int, **more: Any) -> dict[str, Any]:
    return {
        "roundId": round_id,
        "taskNumber": task,
        "summary": "开发公益性岗位120个",
        "completion": 40,
        "expectedVersion": version,
        **more,
    }


async def _scenario(api: Api) -> tuple[list[tuple[int, dict[str, Any]]], list[Any]]:
    """The mutations, each run once: every answer, and what the bodies are checked for."""
    answers: list[tuple[int, dict[str, Any]]] = []

    async def run(document: str, variables: dict[str, Any], caller: str | None) -> dict[str, Any]:
        answers.append(await ask(api, document, None, variables, caller))
        return answers[-1][1]

    opened = await run(OPEN, {}, "office")
    round_id = opened["data"]["openReportingRound"]["round"]["id"]
    target = await api.data("{ task(number: 7) { targets { id } } }", token="office")
    values = [{"targetId": target["task"]["targets"][0]["id"], "value": "2.4万"}]
    await run(SAVE, {"input": _report(round_id, 7, 0, values=values)}, "shuangjiang")  # a draft
    keyed = {"input": _report(round_id, 7, 1, values=values, idempotencyKey="june/7")}
    first = await run(SUBMIT, keyed, "shuangjiang")
    report = first["data"]["submitProgressReport"]["report"]
    await run(SUBMIT, keyed, "shuangjiang")  # the retry: the first result
    changed = {"input": _report(round_id, 7, 1, idempotencyKey="june/7", completion=50)}
    refused = await run(SUBMIT, changed, "shuangjiang")  # the key, another payload
    stale = await run(SUBMIT, {"input": _report(round_id, 5, 3)}, "shuangjiang")
    await run(SUBMIT, {"input": _report(round_id, 7, 0)}, "viewer")  # not allowed
    await run(SUBMIT, {"input": _report(round_id, 7, 0)}, None)  # not signed in
    await run(SUBMIT, {"input": _report(round_id, 7, 0, summary="x\x00")}, "shuangjiang")
    await run(SUBMIT, {"input": _report(round_id, 7, 0, completion=101)}, "shuangjiang")
    await run(SUBMIT, {"input": _report("UmVwb3J0OjE=", 7, 0)}, "shuangjiang")  # no such round
    wrong = [{"targetId": "VGFyZ2V0Ojk5OTk=", "value": "1"}]
    await run(SAVE, {"input": _report(round_id, 5, 0, values=wrong)}, "shuangjiang")
    drafts = {
        "draft": _report(round_id, 6, 0),
        "final": _report(round_id, 6, 1, idempotencyKey="june/6"),
    }
    serial = await run(BOTH, drafts, "shuangjiang")
    review = {
        "reportId": report["id"],
        "decision": "RETURN",
        "comment": "补充材料",
        "expectedVersion": report["version"],
    }
    returned = await run(REVIEW, {"input": review}, "hr")
    bad_id = {"input": {"reportId": "?", "decision": "ACCEPT", "expectedVersion": 1}}
    await run(REVIEW, bad_id, "office")
    checks = [
        report["status"],
        refused["data"]["submitProgressReport"]["userErrors"][0]["code"],
        stale["data"]["submitProgressReport"]["userErrors"][0]["code"],
        serial["data"]["second"]["report"]["version"],
        returned["data"]["reviewProgressReport"]["report"]["status"],
    ]
    return answers, checks


@pytest.mark.parametrize("env", ["development", "production"])
async def test_mutations_answer_the_same_with_their_payloads_compiled(
    databases: Databases, env: str
) -> None:
    """The same mutations on two databases made alike, on one fixed clock (each mutation runs
    once on each, never twice on one): first on graphql-core's executor, then with the payloads
    completed by their plans; status, data, errors, nulls and userErrors the same."""
    clock = FixedClock(dt.datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ))
    runs = []
    for compiled in (False, True):
        url = await databases.clone()
        try:
            async for api in api_for(url, clock=clock, env=env, response_cache_entries=0):
                store = store_of(api)
                store.enabled = compiled
                before = store.compiled_payloads
                runs.append(await _scenario(api))
                payloads = store.compiled_payloads - before
        finally:
            await databases.drop(url)
        # the plans did complete the payloads (not graphql-core behind the comparison's back)
        assert payloads >= (12 if compiled else 0), (payloads, store.fallback_reasons)
        assert compiled or payloads == 0
    (expected, checks), (got, _) = runs
    assert checks == ["SUBMITTED", "CONFLICT", "CONFLICT", 2, "RETURNED"], checks
    for number, (want, have) in enumerate(zip(expected, got, strict=True)):
        assert have == want, (number, want, have)


SAME_FIELD_TWICE = """query Twice($n: Int) { tasks(first: 5) { nodes { number __typename
  leadUnits { kind name fixed: members { name } forTask: members(taskNumber: 7) { name }
              asked: members(taskNumber: $n) { name kind } __typename }
  targets { comparator scope threshold baselineYear t: __typename } } } }"""


@pytest.mark.parametrize("number", [7, None, 99999])
async def test_literal_and_variable_arguments_answer_the_same(api: Api, number: int | None) -> None:
    """One field asked with no argument, a literal and a variable (the literal's arguments are
    worked out once for the plan, the variable's per request), aliases and enums beside them."""
    store = store_of(api)
    for caller in CALLERS:
        store.enabled = False
        expected = await ask(api, SAME_FIELD_TWICE, "Twice", {"n": number}, caller)
        store.enabled = True
        before = store.compiled_runs
        assert await ask(api, SAME_FIELD_TWICE, "Twice", {"n": number}, caller) == expected
        assert store.compiled_runs == before + 1, store.fallback_reasons
        assert "errors" not in expected[1], expected
