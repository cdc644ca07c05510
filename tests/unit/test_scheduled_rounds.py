"""Scheduled rounds: the name and due date of the round covering a day."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.common.errors import Invalid
from tongnan.domain.models.reporting import RoundKind
from tongnan.domain.reporting.rounds import scheduled_round


def test_monthly_and_quarterly() -> None:
    assert scheduled_round(RoundKind.MONTHLY, dt.date(2025, 6, 3)) == (
        "2025年6月调度",
        dt.date(2025, 6, 25),
    )
    assert scheduled_round(RoundKind.QUARTERLY, dt.date(2025, 8, 3), 20) == (
        "2025年第三季度调度",
        dt.date(2025, 9, 20),
    )


def test_bad_schedules_are_refused() -> None:
    with pytest.raises(Invalid, match="1日到28日之间"):
        scheduled_round(RoundKind.MONTHLY, dt.date(2025, 2, 1), 31)
    with pytest.raises(Invalid, match="只有月度调度和季度调度"):
        scheduled_round(RoundKind.AD_HOC, dt.date(2025, 2, 1))
