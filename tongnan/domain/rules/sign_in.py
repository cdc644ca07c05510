"""Sign-in rules over plain values: growing delays and a lock after repeated failures (per
account and per client address), and when a browser session expires. Pure: tested in
``tests/unit/test_sign_in_rules.py`` with plain datetimes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from math import ceil


@dataclass(frozen=True, slots=True)
class FailurePolicy:
    """``free`` failures cost nothing; each later one makes the next attempt wait ``delay``
    seconds, doubled each time up to ``max_delay``; at ``lock_after`` failures the key is locked
    for ``lock_seconds`` (after which it starts afresh)."""

    free: int = 3
    delay: float = 1.0
    max_delay: float = 60.0
    lock_after: int = 10
    lock_seconds: float = 900.0


@dataclass(frozen=True, slots=True)
class Failures:
    """The failures counted against one key (an account or an address) and the last one's time."""

    count: int = 0
    last: dt.datetime | None = None


def wait_seconds(policy: FailurePolicy, count: int) -> float:
    """How long after the ``count``-th failure the next attempt must wait (0: at once)."""
    if count >= policy.lock_after:
        return policy.lock_seconds
    if count <= policy.free:
        return 0.0
    return float(min(policy.delay * 2 ** (count - policy.free - 1), policy.max_delay))


def current(policy: FailurePolicy, failures: Failures, now: dt.datetime) -> Failures:
    """The failures still counted at ``now``: a lock that has run out starts the key afresh."""
    if failures.last is None:
        return Failures()
    if failures.count >= policy.lock_after and now >= failures.last + dt.timedelta(
        seconds=policy.lock_seconds
    ):
        return Failures()
    return failures


def retry_after(policy: FailurePolicy, failures: Failures, now: dt.datetime) -> int:
    """Whole seconds until another attempt may be made (0: it may be made now)."""
    failures = current(policy, failures, now)
    if failures.last is None:
        return 0
    until = failures.last + dt.timedelta(seconds=wait_seconds(policy, failures.count))
    remaining = (until - now).total_seconds()
    return max(0, ceil(remaining))


def locked(policy: FailurePolicy, failures: Failures, now: dt.datetime) -> bool:
    """Whether the key is locked (as opposed to merely waiting out a short delay)."""
    return current(policy, failures, now).count >= policy.lock_after


def failed(policy: FailurePolicy, failures: Failures, now: dt.datetime) -> Failures:
    """The key's failures after one more at ``now``."""
    return Failures(current(policy, failures, now).count + 1, now)


@dataclass(frozen=True, slots=True)
class SessionTimeouts:
    """A session ends after ``idle`` seconds without use, and ``absolute`` seconds after sign-in
    whatever its use."""

    idle: float = 1800.0
    absolute: float = 43200.0

    def idle_until(self, now: dt.datetime, absolute_expiry: dt.datetime) -> dt.datetime:
        """The idle expiry after a use at ``now`` (never past the absolute expiry)."""
        return min(now + dt.timedelta(seconds=self.idle), absolute_expiry)

    def absolute_until(self, started: dt.datetime) -> dt.datetime:
        return started + dt.timedelta(seconds=self.absolute)

    def needs_touch(self, last_seen: dt.datetime, now: dt.datetime) -> bool:
        """Whether a use at ``now`` should be written down: at most every tenth of the idle
        time, so a busy browser does not write on every request."""
        return (now - last_seen).total_seconds() >= self.idle / 10


def session_live(
    now: dt.datetime,
    idle_expires_at: dt.datetime,
    absolute_expires_at: dt.datetime,
    ended_at: dt.datetime | None,
) -> bool:
    """A session is live until it is ended or reaches either expiry."""
    return ended_at is None and now < idle_expires_at and now < absolute_expires_at
