"""Ledger figures: counts by status and colour, completion rates, grouped by any key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.rules.rectification import DONE, days_overdue, item_level
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy

DEFAULT_POLICY = WarningPolicy()

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """What the figures need of one item (plain values)."""

    item_id: int
    status: RectificationStatus
    deadline: dt.date
    returned: bool
    source: str  # the source's name as the ledger prints it
    unit_id: int
    task_numbers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Tally:
    total: int = 0
    open: int = 0
    in_progress: int = 0
    completed: int = 0
    verified: int = 0
    overdue: int = 0  # not done and past the deadline (RED)
    yellow: int = 0

    @property
    def done(self) -> int:
        return self.completed + self.verified

    @property
    def completion_rate(self) -> float:
        """完成率: COMPLETED or VERIFIED over all (1.0 for no items: nothing is left)."""
        return 1.0 if self.total == 0 else round(self.done / self.total, 4)

    @property
    def verification_rate(self) -> float:
        """销号率: VERIFIED over all."""
        return 1.0 if self.total == 0 else round(self.verified / self.total, 4)


Classified = tuple[LedgerEntry, WarningLevel]
_STATUS_INDEX = {
    RectificationStatus.OPEN: 0,
    RectificationStatus.IN_PROGRESS: 1,
    RectificationStatus.COMPLETED: 2,
    RectificationStatus.VERIFIED: 3,
}
_LEVEL_INDEX = {WarningLevel.RED: 4, WarningLevel.YELLOW: 5}


class _Counter:
    """Counts by status (0–3), RED (4) and YELLOW (5)."""

    __slots__ = ("counts", "total")

    def __init__(self) -> None:
        self.total = 0
        self.counts = [0, 0, 0, 0, 0, 0]

    def add(self, entry: LedgerEntry, level: WarningLevel) -> None:
        self.total += 1
        self.counts[_STATUS_INDEX[entry.status]] += 1
        index = _LEVEL_INDEX.get(level)
        if index is not None:
            self.counts[index] += 1

    def freeze(self) -> Tally:
        return Tally(self.total, *self.counts)


def level_of(entry: LedgerEntry, today: dt.date, policy: WarningPolicy) -> WarningLevel:
    return item_level(entry.deadline, entry.status, today, returned=entry.returned, policy=policy)


def is_overdue(entry: LedgerEntry, today: dt.date) -> bool:
    return entry.status not in DONE and days_overdue(entry.deadline, entry.status, today) > 0


def classify(
    entries: Iterable[LedgerEntry], today: dt.date, policy: WarningPolicy = DEFAULT_POLICY
) -> list[Classified]:
    """Each entry with its colour on ``today`` (computed once, for several tallies)."""
    return [(entry, level_of(entry, today, policy)) for entry in entries]


def tally_of(classified: Iterable[Classified]) -> Tally:
    counter = _Counter()
    for entry, level in classified:
        counter.add(entry, level)
    return counter.freeze()


def tally_by_of(
    classified: Iterable[Classified], keys: Callable[[LedgerEntry], Iterable[K]]
) -> dict[K, Tally]:
    """One tally per key, keys in order of first appearance; an entry may count under several
    keys (an item concerns every task of its finding)."""
    counters: dict[K, _Counter] = {}
    for entry, level in classified:
        for key in dict.fromkeys(keys(entry)):
            counter = counters.get(key)
            if counter is None:
                counter = counters[key] = _Counter()
            counter.add(entry, level)
    return {key: counter.freeze() for key, counter in counters.items()}


def tally(
    entries: Iterable[LedgerEntry], today: dt.date, policy: WarningPolicy = DEFAULT_POLICY
) -> Tally:
    return tally_of(classify(entries, today, policy))


def tally_by(
    entries: Iterable[LedgerEntry],
    keys: Callable[[LedgerEntry], Iterable[K]],
    today: dt.date,
    policy: WarningPolicy = DEFAULT_POLICY,
) -> dict[K, Tally]:
    return tally_by_of(classify(entries, today, policy), keys)
