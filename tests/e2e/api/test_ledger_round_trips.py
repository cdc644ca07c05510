"""The ledger query costs the same number of database round trips at 6 items and at 60."""

from __future__ import annotations

import datetime as dt

from tests.support.api import OPERATOR, Api
from tests.support.statements import statements_sent
from tongnan.domain.models.supervision import FindingSource
from tongnan.domain.supervision.findings import FindingDraft, create_finding
from tongnan.domain.supervision.rectification import ItemDraft

TOWNS = ("双江镇", "花岩镇", "古溪镇")
LEDGER = """query($asOf: Date) { rectificationLedger(asOf: $asOf) {
  summary { total overdue completionRate }
  bySource { sourceName tally { total } } byUnit { unit { name } tally { total } }
  byTask { task { number } tally { total } }
  items(first: 100) { totalCount nodes { id status warningLevel sourceName
    responsibleUnit { name } updates { content }
    finding { description supervision { title } items { id } } } } } }"""


async def _add_findings(count: int) -> None:
    for n in range(count):
        items = tuple(ItemDraft(f"措施{n}-{town}", dt.date(2025, 9, 30), town) for town in TOWNS)
        draft = FindingDraft(
            description=f"问题{n}",
            source=list(FindingSource)[n % 4],
            found_on=dt.date(2025, 6, 1),
            task_numbers=(20,),
            items=items,
        )
        await create_finding(OPERATOR, draft, dt.datetime(2025, 6, 1, tzinfo=dt.UTC))


async def _round_trips(api: Api, as_of: str) -> tuple[int, int]:
    api.app.state.plans.clear()
    with statements_sent() as sent:
        data = await api.data(LEDGER, {"asOf": as_of}, token="viewer")
    return len(sent), data["rectificationLedger"]["items"]["totalCount"]


async def test_ledger_round_trips_do_not_grow_with_the_ledger(api: Api) -> None:
    await _add_findings(2)
    await api.data("{ viewer { name } }", token="viewer")  # the token is remembered from here
    small, small_items = await _round_trips(api, "2025-07-01")
    await _add_findings(18)
    large, large_items = await _round_trips(api, "2025-07-02")
    assert (small_items, large_items) == (6, 60)
    assert small == large <= 18
