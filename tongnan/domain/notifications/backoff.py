"""When to try a failed delivery again: exponential backoff with jitter (pure)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """The n-th failure waits about ``base × 2^(n-1)`` seconds (capped), half of it random;
    after ``max_failures`` failures the delivery is a dead letter."""

    base_seconds: float = 30.0
    max_seconds: float = 3600.0
    max_failures: int = 8
    lease_seconds: float = 60.0  # how long a worker holds a claimed delivery

    def delay(self, failures: int, rng: random.Random) -> float:
        """Seconds to wait after the ``failures``-th failure (1, 2, …): in [d/2, d]."""
        ceiling: float = min(self.max_seconds, self.base_seconds * 2 ** max(failures - 1, 0))
        return float(ceiling / 2 + rng.uniform(0, ceiling / 2))

    def next_attempt(self, now: dt.datetime, failures: int, rng: random.Random) -> dt.datetime:
        return now + dt.timedelta(seconds=self.delay(failures, rng))

    def gives_up(self, failures: int) -> bool:
        return failures >= self.max_failures
