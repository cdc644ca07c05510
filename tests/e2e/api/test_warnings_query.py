"""``warnings(asOf:, unitName:, taskNumber:, level:)`` within what the caller may see, and the
confirmation asked before opening a round whose due date has passed."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from tests.support.api import Api, api_for
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import ReportingRound

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id dueDate } userErrors { field message code } } }"""
WARNINGS = """query($asOf: Date, $unit: String, $task: Int, $level: WarningLevel) {
  warnings(asOf: $asOf, unitName: $unit, taskNumber: $task, level: $level) {
    level unit { name } task { number } daysLate } }"""


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), LOCAL_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 1)))


@pytest.fixture
async def warn_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(db_url, clock=clock):
        yield api


async def _open(api: Api, due: str, **extra: object) -> dict[str, object]:
    input = {"name": "2025年6月调度", "dueDate": due, "taskNumbers": [7, 14], **extra}
    payload: dict[str, object] = (await api.data(OPEN, {"input": input}, token="office"))[
        "openReportingRound"
    ]
    return payload


async def test_warnings_as_of_a_day_for_one_unit_or_task(warn_api: Api) -> None:
    api = warn_api
    assert (await _open(api, "2025-06-25"))["userErrors"] == []

    async def ask(token: str, **variables: object) -> list[dict[str, object]]:
        found: list[dict[str, object]] = (await api.data(WARNINGS, variables, token=token))[
            "warnings"
        ]
        return found

    assert {w["level"] for w in await ask("office")} == {"GREEN"}  # today: 24 days to go
    late = await ask("office", asOf="2025-06-28")
    assert late and {w["level"] for w in late} == {"RED"}
    assert {w["daysLate"] for w in late} == {3}
    towns = await ask("office", asOf="2025-06-28", unit="双江镇")
    assert towns and {w["unit"]["name"] for w in towns} == {"双江镇"}  # type: ignore[index]
    seven = await ask("office", asOf="2025-06-28", task=7)
    assert seven and {w["task"]["number"] for w in seven} == {7}  # type: ignore[index]
    assert len(seven) < len(late)
    assert await ask("office", asOf="2025-06-28", level="GREEN") == []
    assert await ask("office", asOf="2025-05-31") == []  # the round was not open yet

    # a unit's reporter sees its own unit's warnings only, whatever it asks for
    own = await ask("shuangjiang", asOf="2025-06-28")
    assert own and {w["unit"]["name"] for w in own} == {"双江镇"}  # type: ignore[index]
    assert await ask("shuangjiang", asOf="2025-06-28", unit="区人力社保局") == []
    seen = {w["unit"]["name"] for w in await ask("viewer", asOf="2025-06-28")}  # type: ignore[index]
    assert seen > {"双江镇"}

    typo = (await api.post(WARNINGS, {"unit": "双江填"}, token="office")).json()
    assert "没有名为“双江填”的单位，是否为“双江镇”？" in typo["errors"][0]["message"]


async def test_opening_a_round_already_due_asks_for_confirmation(
    warn_api: Api, clock: FixedClock
) -> None:
    api = warn_api
    clock.set(at(dt.date(2025, 6, 28)))
    asked = await _open(api, "2025-06-25")
    assert asked["round"] is None
    assert asked["userErrors"] == [
        {
            "field": ["dueDate"],
            "code": "CONFIRMATION_REQUIRED",
            "message": "截止日期2025年6月25日已过（今天是2025年6月28日），开启后各单位一报送即为"
            "逾期。如确需这样做，请加上 confirm: true 再提交一次",
        }
    ]
    assert await ReportingRound.all().count() == 0
    confirmed = await _open(api, "2025-06-25", confirm=True)
    assert confirmed["userErrors"] == []
    assert confirmed["round"]["dueDate"] == "2025-06-25"  # type: ignore[index]
    # a due date today or later needs no confirmation
    clock.set(at(dt.date(2025, 6, 25)))
    later = await api.data(
        OPEN,
        {"input": {"name": "2025年6月补充调度", "dueDate": "2025-06-25", "taskNumbers": [7]}},
        token="office",
    )
    assert later["openReportingRound"]["userErrors"] == []
