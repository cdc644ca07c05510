"""The life of a rectification item: its status machine and its colour on a day (三色预警).

OPEN → IN_PROGRESS (first progress update) → COMPLETED (the unit declares it done) → VERIFIED
(销号, by the office); a failed verification sends a COMPLETED item back to IN_PROGRESS.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from tongnan.domain.models.supervision import STATUS_LABELS, RectificationStatus
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy, days_late, warning_level

S = RectificationStatus
DEFAULT_POLICY = WarningPolicy()
DONE = frozenset({S.COMPLETED, S.VERIFIED})


class Event(StrEnum):
    PROGRESS = "PROGRESS"  # 定期调度: the responsible unit reports what it did
    COMPLETE = "COMPLETE"  # the responsible unit declares the item done
    VERIFY = "VERIFY"  # 销号: the office confirms it
    REJECT = "REJECT"  # the office finds it not done


TRANSITIONS: dict[tuple[RectificationStatus, Event], RectificationStatus] = {
    (S.OPEN, Event.PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, Event.PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, Event.COMPLETE): S.COMPLETED,
    (S.COMPLETED, Event.VERIFY): S.VERIFIED,
    (S.COMPLETED, Event.REJECT): S.IN_PROGRESS,
}

_WHY = {
    Event.PROGRESS: "只有待整改或整改中的事项才能报送整改进展",
    Event.COMPLETE: "只有整改中的事项才能报完成",
    Event.VERIFY: "只有已完成的事项才能销号",
    Event.REJECT: "只有已完成的事项才能验收不通过",
}


class InvalidTransition(ValueError):
    def __init__(self, status: RectificationStatus, event: Event) -> None:
        super().__init__(f"该事项{STATUS_LABELS[status]}，{_WHY[event]}")
        self.status = status
        self.event = event


def transition(status: RectificationStatus, event: Event) -> RectificationStatus:
    """The status after ``event``; InvalidTransition when the event is not allowed now."""
    after = TRANSITIONS.get((status, event))
    if after is None:
        raise InvalidTransition(status, event)
    return after


def after_progress(status: RectificationStatus, *, complete: bool) -> RectificationStatus:
    """A progress update moves an item on; one marked ``complete`` also completes it."""
    status = transition(status, Event.PROGRESS)
    return transition(status, Event.COMPLETE) if complete else status


def item_level(
    deadline: dt.date,
    status: RectificationStatus,
    today: dt.date,
    *,
    returned: bool = False,
    policy: WarningPolicy = DEFAULT_POLICY,
) -> WarningLevel:
    """The item's colour: done (COMPLETED or VERIFIED) is GREEN; a failed check counts as
    returned for rework (YELLOW until it is overdue)."""
    return warning_level(deadline, today, done=status in DONE, returned=returned, policy=policy)


def days_overdue(deadline: dt.date, status: RectificationStatus, today: dt.date) -> int:
    return 0 if status in DONE else days_late(deadline, today)
