"""The one id decoder: what is an id of this API, and what a bad one becomes."""

from __future__ import annotations

import base64

import pytest
from graphql import GraphQLError

from tongnan.domain.common.errors import ErrorCode, Invalid, NotFound
from tongnan.schema.common.ids import (
    MAX_KEY,
    any_key,
    from_global_id,
    input_key,
    query_key,
    to_global_id,
)


def raw(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


MALFORMED = [
    "",
    "42",  # a bare number is not an id
    "not an id!",
    raw("Task"),
    raw("Task:"),
    raw("Task:+5"),
    raw("Task: 5"),
    raw("Task:-5"),
    raw("Task:1_000"),
    raw("Task:٥"),  # an Arabic-Indic five: int() would take it
    raw("Nothing:5"),  # no such type
    raw("Task:5:6"),
    "\u00e9",
]


def test_an_id_round_trips() -> None:
    assert from_global_id(to_global_id("RectificationItem", 7)) == ("RectificationItem", 7)
    assert query_key(to_global_id("Task", MAX_KEY), "Task", "id") == MAX_KEY


@pytest.mark.parametrize("text", MALFORMED)
def test_a_malformed_id_is_invalid_in_a_mutation_and_an_error_in_a_query(text: str) -> None:
    with pytest.raises(Invalid) as refused:
        input_key(text, "Task", ("input", "taskId"))
    assert refused.value.code is ErrorCode.INVALID
    assert refused.value.field == ("input", "taskId")
    assert "不是本系统给出的编号" in refused.value.message
    with pytest.raises(GraphQLError, match="不是本系统给出的编号"):
        query_key(text, "Task", "id")
    with pytest.raises(GraphQLError):
        any_key(text, "id")


def test_an_id_of_another_type_is_invalid_in_a_mutation_and_an_error_in_a_query() -> None:
    unit = to_global_id("Unit", 1)
    with pytest.raises(Invalid, match="应为任务的编号"):
        input_key(unit, "Task", ("taskId",))
    with pytest.raises(GraphQLError, match="id:应为任务的编号"):
        query_key(unit, "Task", "id")


@pytest.mark.parametrize("key", [0, MAX_KEY + 1, 2**63, 10**19])
def test_a_key_no_row_can_have_is_not_found_and_never_reaches_the_database(key: int) -> None:
    global_id = to_global_id("Task", key)
    with pytest.raises(NotFound) as missing:
        input_key(global_id, "Task", ("taskId",))
    assert missing.value.field == ("taskId",)
    assert query_key(global_id, "Task", "id") is None
    assert any_key(global_id, "id") == ("Task", None)
