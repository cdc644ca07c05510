"""The per-caller budget of query cost points: a token bucket per caller, kept in this process.

Each caller (a user, or an address for anonymous callers) has a bucket of ``points`` that
refills at ``refill_per_minute``, continuously, up to ``points``. A query is charged its
estimated cost before it runs; when the bucket holds less, the query is refused and the caller
is told how many seconds until it would be served. A query costing more than the whole bucket
is charged the whole bucket (it runs when the bucket is full, and empties it).

Buckets live in the server process's memory: with several processes each keeps its own, so a
caller's budget is per process. A full bucket is the same as none, so full ones are forgotten
when there are more than ``max_callers``.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_CALLERS = 10_000


@dataclass(slots=True)
class _Bucket:
    level: float
    at: float


class CostBudget:
    def __init__(
        self,
        points: int,
        refill_per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = MAX_CALLERS,
    ) -> None:
        if points < 1 or refill_per_minute < 1:
            raise ValueError("查询额度至少要有1点，并且每分钟至少恢复1点")
        self.points = points
        self.rate = refill_per_minute / 60.0  # points per second
        self.clock = clock
        self.max_callers = max_callers
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def _level(self, bucket: _Bucket, now: float) -> float:
        return min(self.points, bucket.level + (now - bucket.at) * self.rate)

    def charge(self, caller: str, cost: int) -> int:
        """Take ``cost`` points from the caller's bucket: 0 when done, else the whole seconds
        to wait before the bucket holds enough (nothing is taken then)."""
        now = self.clock()
        bucket = self._buckets.get(caller)
        level = self.points if bucket is None else self._level(bucket, now)
        wanted = min(max(cost, 0), self.points)
        if level < wanted:
            return max(1, math.ceil((wanted - level) / self.rate))
        if bucket is None:
            bucket = self._buckets[caller] = _Bucket(level, now)
        bucket.level = level - wanted
        bucket.at = now
        self._buckets.move_to_end(caller)
        self._forget_full(now)
        return 0

    def remaining(self, caller: str) -> int:
        bucket = self._buckets.get(caller)
        return self.points if bucket is None else int(self._level(bucket, self.clock()))

    def _forget_full(self, now: float) -> None:
        if len(self._buckets) <= self.max_callers:
            return
        for caller in [c for c, b in self._buckets.items() if self._level(b, now) >= self.points]:
            del self._buckets[caller]
        while len(self._buckets) > self.max_callers:  # all busy: forget the longest idle
            self._buckets.popitem(last=False)


@dataclass(frozen=True, slots=True)
class Caller:
    """Whom a request's cost is charged to (``user:…`` or ``address:…``) and from what budget."""

    key: str
    budget: CostBudget

    def charge(self, cost: int) -> int:
        return self.budget.charge(self.key, cost)
