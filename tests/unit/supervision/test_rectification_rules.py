"""The item status machine, every (status, event) pair, and an item's colour on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.models.supervision import STATUS_LABELS, RectificationStatus
from tongnan.domain.rules.rectification import (
    TRANSITIONS,
    Event,
    InvalidTransition,
    after_progress,
    days_overdue,
    item_level,
    transition,
)
from tongnan.domain.rules.warnings import WarningLevel

S, E = RectificationStatus, Event
ALLOWED = {
    (S.OPEN, E.PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.COMPLETE): S.COMPLETED,
    (S.COMPLETED, E.VERIFY): S.VERIFIED,
    (S.COMPLETED, E.REJECT): S.IN_PROGRESS,
}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("event", list(E))
def test_transition(status: RectificationStatus, event: Event) -> None:
    expected = ALLOWED.get((status, event))
    if expected is None:
        with pytest.raises(InvalidTransition, match=f"该事项{STATUS_LABELS[status]}"):
            transition(status, event)
    else:
        assert transition(status, event) is expected


def test_the_table_is_the_documented_one() -> None:
    assert TRANSITIONS == ALLOWED


def test_a_progress_update_may_complete() -> None:
    assert after_progress(S.OPEN, complete=False) is S.IN_PROGRESS
    assert after_progress(S.OPEN, complete=True) is S.COMPLETED
    assert after_progress(S.IN_PROGRESS, complete=True) is S.COMPLETED
    with pytest.raises(InvalidTransition):
        after_progress(S.COMPLETED, complete=False)
    with pytest.raises(InvalidTransition):
        after_progress(S.VERIFIED, complete=True)


DEADLINE = dt.date(2025, 7, 10)


@pytest.mark.parametrize(
    ("today", "status", "returned", "level", "late"),
    [
        (dt.date(2025, 7, 1), S.OPEN, False, WarningLevel.GREEN, 0),
        (dt.date(2025, 7, 7), S.IN_PROGRESS, False, WarningLevel.YELLOW, 0),
        (dt.date(2025, 7, 1), S.IN_PROGRESS, True, WarningLevel.YELLOW, 0),  # failed check
        (dt.date(2025, 7, 11), S.OPEN, False, WarningLevel.RED, 1),
        (dt.date(2025, 7, 20), S.IN_PROGRESS, True, WarningLevel.RED, 10),
        (dt.date(2025, 7, 20), S.COMPLETED, False, WarningLevel.GREEN, 0),
        (dt.date(2025, 7, 20), S.VERIFIED, False, WarningLevel.GREEN, 0),
    ],
)
def test_colour_and_days_overdue(
    today: dt.date, status: RectificationStatus, returned: bool, level: WarningLevel, late: int
) -> None:
    assert item_level(DEADLINE, status, today, returned=returned) is level
    assert days_overdue(DEADLINE, status, today) == late
