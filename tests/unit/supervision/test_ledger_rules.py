"""Ledger figures: counts by status and colour, rates, and tallies by source, unit and task."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.rules.ledger import LedgerEntry, Tally, is_overdue, tally, tally_by
from tongnan.domain.rules.warnings import WarningPolicy

S = RectificationStatus
TODAY = dt.date(2025, 7, 20)


def entry(
    item_id: int,
    status: RectificationStatus,
    deadline: dt.date,
    source: str,
    unit: int,
    tasks: tuple[int, ...] = (20,),
    returned: bool = False,
) -> LedgerEntry:
    return LedgerEntry(item_id, status, deadline, returned, source, unit, tasks)


ENTRIES = [
    entry(1, S.VERIFIED, dt.date(2025, 7, 31), "区级专项督查", 1, (19, 20)),
    entry(2, S.IN_PROGRESS, dt.date(2025, 8, 15), "区级专项督查", 2, (19, 20), returned=True),
    entry(3, S.OPEN, dt.date(2025, 7, 10), "市委巡视反馈", 3),
    entry(4, S.COMPLETED, dt.date(2025, 7, 1), "市委巡视反馈", 3),
    entry(5, S.OPEN, dt.date(2025, 7, 22), "中市考核评估", 1),
]


def test_the_whole_ledger() -> None:
    assert tally(ENTRIES, TODAY) == Tally(
        total=5, open=2, in_progress=1, completed=1, verified=1, overdue=1, yellow=2
    )
    figures = tally(ENTRIES, TODAY)
    assert (figures.done, figures.completion_rate, figures.verification_rate) == (2, 0.4, 0.2)
    assert tally([], TODAY).completion_rate == 1.0
    wider = tally(ENTRIES, TODAY, WarningPolicy(yellow_within_days=0))
    assert (wider.overdue, wider.yellow) == (1, 1)  # only the returned item stays yellow


def test_by_source_unit_and_task() -> None:
    by_source = tally_by(ENTRIES, lambda e: (e.source,), TODAY)
    assert list(by_source) == ["区级专项督查", "市委巡视反馈", "中市考核评估"]
    assert [t.completion_rate for t in by_source.values()] == [0.5, 0.5, 0.0]
    by_unit = tally_by(ENTRIES, lambda e: (e.unit_id,), TODAY)
    assert {u: (t.total, t.overdue) for u, t in by_unit.items()} == {
        1: (2, 0),
        2: (1, 0),
        3: (2, 1),
    }
    by_task = tally_by(ENTRIES, lambda e: e.task_numbers, TODAY)
    assert {k: t.total for k, t in by_task.items()} == {19: 2, 20: 5}


def test_overdue_means_not_done_and_past_the_deadline() -> None:
    assert [e.item_id for e in ENTRIES if is_overdue(e, TODAY)] == [3]
