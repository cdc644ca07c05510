"""三色预警: the three-colour warning rule for anything owed by a due date.

GREEN: done, or not due within ``yellow_within_days``; YELLOW: due within that many days and not
done, or returned for rework while not yet overdue; RED: overdue and not done.
The caller passes ``today`` (from an injected clock), so the rule is tested without sleeping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class WarningLevel(StrEnum):
    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"


LEVEL_ORDER = {WarningLevel.GREEN: 0, WarningLevel.YELLOW: 1, WarningLevel.RED: 2}


@dataclass(frozen=True, slots=True)
class WarningPolicy:
    """Configurable thresholds (``TONGNAN_WARNING_YELLOW_DAYS``)."""

    yellow_within_days: int = 3

    def __post_init__(self) -> None:
        if self.yellow_within_days < 0:
            raise ValueError("黄色预警的提前天数不能是负数")


def days_late(due: dt.date, today: dt.date) -> int:
    return max(0, (today - due).days)


def warning_level(
    due: dt.date | None,
    today: dt.date,
    *,
    done: bool,
    returned: bool = False,
    policy: WarningPolicy = WarningPolicy(),
) -> WarningLevel:
    """The colour of one obligation (a report owed, a rectification item open)."""
    if done or due is None:
        return WarningLevel.GREEN
    if today > due:
        return WarningLevel.RED
    if returned or (due - today).days <= policy.yellow_within_days:
        return WarningLevel.YELLOW
    return WarningLevel.GREEN


def worst(levels: list[WarningLevel] | tuple[WarningLevel, ...]) -> WarningLevel:
    """The most urgent of several levels (GREEN for none)."""
    return max(levels, key=LEVEL_ORDER.__getitem__, default=WarningLevel.GREEN)
