"""The dashboard query costs the same number of database round trips whatever the data size."""

from __future__ import annotations

from typing import Any

from tests.e2e.api.test_dashboard import DASHBOARD
from tests.support.api import OPERATOR, Api
from tests.support.files import DIRECTORY_FILE
from tests.support.statements import statements_sent
from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.directory import parse_directory
from tongnan.domain.directory.sync import sync_directory
from tongnan.domain.plans.assignments import assign_task


async def _round_trips(api: Api) -> tuple[int, int]:
    api.app.state.plans.clear()  # a cold request: nothing cached from before
    with statements_sent() as sent:
        data = await api.data(DASHBOARD, token="viewer")
    units = sum(
        len(t["leadUnits"])
        + len(t["responsibleUnits"])
        + sum(len(u["members"]) for u in t["leadUnits"] + t["responsibleUnits"])
        for t in data["tasks"]["nodes"]
    )
    return len(sent), units


async def test_dashboard_round_trips_do_not_grow_with_the_data(api: Api) -> None:
    small_trips, small_units = await _round_trips(api)

    extra = (
        "\n".join(f'[[unit]]\nname = "测试部门{i}"\nkind = "DEPARTMENT"' for i in range(40))
        + '\n[[unit]]\nname = "测试集体"\nkind = "GROUP"\nmembership = "STATIC"\nmembers = ['
        + ", ".join(f'"测试部门{i}"' for i in range(40))
        + "]\n"
    )
    directory = DIRECTORY_FILE.read_text(encoding="utf-8") + "\n" + extra
    await sync_directory(parse_directory(directory), OPERATOR)
    for number in range(1, 23):
        await assign_task(OPERATOR, number, "测试集体", AssignmentRole.RESPONSIBLE)
        for i in range(number % 5):
            await assign_task(OPERATOR, number, f"测试部门{i}", AssignmentRole.LEAD)

    large_trips, large_units = await _round_trips(api)

    assert large_units > 2 * small_units
    assert large_trips == small_trips
    assert small_trips <= 13  # token, plan view (8), reporting rows (1–3)


async def _statements_for(api: Api, query: str, token: str) -> tuple[int, dict[str, Any]]:
    with statements_sent() as sent:
        data = await api.data(query, token=token)
    sql = [s for s in sent if not s.startswith("PRAGMA data_version")]
    return len(sql), data


async def test_a_repeated_query_is_answered_from_the_cache_until_a_write(api: Api) -> None:
    query = "{ task(number: 5) { dueDate leadUnits { name } } }"
    await api.data(query, token="viewer")
    statements, first = await _statements_for(api, query, "viewer")
    assert statements == 0  # nothing asked of the database
    results = api.app.state.graphql.results
    assert results.hits >= 1

    await assign_task(OPERATOR, 5, "区财政局", AssignmentRole.LEAD)
    statements, second = await _statements_for(api, query, "viewer")
    assert statements > 0
    assert second != first
    assert [u["name"] for u in second["task"]["leadUnits"]] == ["区农业农村委", "区财政局"]

    misses = results.misses
    await api.data(query, token="office")  # another caller: never served a viewer's answer
    assert results.misses == misses + 1
