"""Time, injected: use cases take ``now`` from a Clock, so rules are tested without sleeping.

Due dates are dates in the district's time zone (China Standard Time, UTC+8, no DST).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

LOCAL_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that says what it is told (tests, and demonstrations of lateness)."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

    def set(self, at: dt.datetime) -> None:
        self.at = at


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TZ).date()
