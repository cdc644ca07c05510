"""The three-colour rule, at and around every boundary, with an injected date."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.rules.warnings import (
    WarningLevel,
    WarningPolicy,
    days_late,
    warning_level,
    worst,
)

DUE = dt.date(2025, 6, 30)
G, Y, R = WarningLevel.GREEN, WarningLevel.YELLOW, WarningLevel.RED


@pytest.mark.parametrize(
    ("today", "done", "returned", "expected"),
    [
        (dt.date(2025, 6, 1), False, False, G),  # far from due
        (dt.date(2025, 6, 26), False, False, G),  # 4 days left
        (dt.date(2025, 6, 27), False, False, Y),  # 3 days left: within the window
        (dt.date(2025, 6, 30), False, False, Y),  # due today, not yet late
        (dt.date(2025, 7, 1), False, False, R),  # one day late
        (dt.date(2025, 7, 1), True, False, G),  # done, even late
        (dt.date(2025, 6, 1), False, True, Y),  # returned for rework
        (dt.date(2025, 7, 2), False, True, R),  # returned and overdue
    ],
)
def test_levels(today: dt.date, done: bool, returned: bool, expected: WarningLevel) -> None:
    assert warning_level(DUE, today, done=done, returned=returned) is expected


def test_threshold_is_configurable() -> None:
    policy = WarningPolicy(yellow_within_days=7)
    assert warning_level(DUE, dt.date(2025, 6, 23), done=False, policy=policy) is Y
    assert warning_level(DUE, dt.date(2025, 6, 22), done=False, policy=policy) is G
    with pytest.raises(ValueError, match="不能是负数"):
        WarningPolicy(yellow_within_days=-1)


def test_no_due_date_is_never_late() -> None:
    assert warning_level(None, dt.date(2030, 1, 1), done=False) is G


def test_days_late_and_worst() -> None:
    assert days_late(DUE, dt.date(2025, 7, 3)) == 3
    assert days_late(DUE, dt.date(2025, 6, 3)) == 0
    assert worst([G, R, Y]) is R
    assert worst([]) is G
