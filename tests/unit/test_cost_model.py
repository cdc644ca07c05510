"""The cost model: sizes from the plan, weights for long text, connections by ``first``."""

from __future__ import annotations

import pytest
from graphql import (
    FragmentDefinitionNode,
    GraphQLObjectType,
    OperationDefinitionNode,
    get_named_type,
    parse,
)

from tongnan.domain.plans.fan_out import FanOut
from tongnan.schema.cost import SIZES, WEIGHTS, query_cost
from tongnan.schema.schema import build_schema

SCHEMA = build_schema()._schema


def plan(**sizes: int) -> FanOut:
    """A measured plan: 10 of everything but ``sizes``."""
    return FanOut(**{**dict.fromkeys(FanOut.names(), 10), **sizes})


PLAN = plan(
    units=40,
    tasks=22,
    duties_per_unit=20,
    responsible_per_task=3,
    leads_per_task=4,
    members_per_group=22,
)


def cost(query: str, fan_out: FanOut | None = None, **variables: object) -> int:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return query_cost(SCHEMA, operation, fragments, variables, fan_out)


def test_without_a_plan_every_list_counts_ten() -> None:
    assert cost("{ tasks(first: 22) { nodes { title leadUnits { name } } } }") == 287
    assert cost("{ units { duties { task { title } } } }") == 1 + 10 * (1 + 10 * (1 + 1))


def test_lists_run_to_the_plan_s_sizes() -> None:
    assert cost("{ units { duties { task { title } } } }", PLAN) == 1 + 40 * (1 + 20 * (1 + 1))
    # the query that answered 7.2 MB
    heavy = "{units{duties{task{responsibleUnits{duties{task{title body label}}}}}}}"
    inner = 1 + 20 * (1 + (1 + 10 + 1))  # duties { task { title body label } }
    assert cost(heavy, PLAN) == 1 + 40 * (1 + 20 * (1 + 1 + 3 * inner))
    assert cost(heavy, PLAN) == 628_041  # was 41,211 with a flat 10 and no weights


def test_long_text_weighs_ten_and_a_whole_file_a_thousand() -> None:
    assert cost("{ task(number: 1) { title } }") == 2
    assert cost("{ task(number: 1) { body } }") == 11
    assert cost("{ responsibilityMatrix { csv } }") == 1001


def test_connections_multiply_by_first_but_never_past_the_plan() -> None:
    page = "query($n: Int) { tasks(first: $n) { nodes { number } } }"
    assert cost(page, PLAN, n=5) == 1 + 5 * 2
    assert cost(page, PLAN, n=500) == 1 + 22 * 2
    assert cost(page, PLAN) == 1 + 22 * 2  # no first: 100, and the plan has 22
    reports = "{ task(number: 1) { progressReports(first: 50) { nodes { summary } } } }"
    assert cost(reports, PLAN) == 1 + 1 + 50 * 11  # not measured: first alone


def test_lists_of_scalars_count_their_elements() -> None:
    assert cost("{ rounds { taskNumbers } }", PLAN) == 1 + 10 * (1 + 22)


def test_fragments_count_where_spread() -> None:
    query = "query { units { ...U } } fragment U on Unit { name members { name } }"
    assert cost(query, PLAN) == 1 + 40 * (1 + 1 + 22)


def _fields() -> set[str]:
    return {
        f"{name}.{field}"
        for name, type_ in SCHEMA.type_map.items()
        for field in getattr(type_, "fields", {}) or {}
        if not name.startswith("__") and hasattr(type_, "interfaces")
    }


@pytest.mark.parametrize("table", [SIZES, WEIGHTS], ids=["sizes", "weights"])
def test_the_tables_name_fields_that_exist(table: dict[str, object]) -> None:
    assert set(table) - _fields() == set()


def test_sizes_are_lists_of_measured_kinds_and_weights_are_strings() -> None:
    for name, size in SIZES.items():
        assert size in FanOut.names(), name
    for name in WEIGHTS:
        type_name, field = name.split(".")
        owner = SCHEMA.type_map[type_name]
        assert isinstance(owner, GraphQLObjectType), name
        definition = owner.fields[field]
        assert get_named_type(definition.type).name == "String", name
