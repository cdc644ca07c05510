"""The sign-in rules: free failures, doubling delays up to a maximum, a lock that runs out, the
per-account and per-address ledger; and when a session expires (idle, absolute, ended)."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.directory import SignInLimits
from tongnan.domain.rules.sign_in import (
    FailurePolicy,
    Failures,
    SessionTimeouts,
    failed,
    locked,
    retry_after,
    session_live,
    wait_seconds,
)

T0 = dt.datetime(2025, 6, 20, 9, 0, tzinfo=dt.UTC)
POLICY = FailurePolicy(free=3, delay=1.0, max_delay=8.0, lock_after=8, lock_seconds=600.0)


def later(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("count", "wait"),
    [(0, 0), (1, 0), (3, 0), (4, 1), (5, 2), (6, 4), (7, 8), (8, 600)],
)
def test_delays_grow_after_the_free_failures_then_lock(count: int, wait: float) -> None:
    assert wait_seconds(POLICY, count) == wait


def test_the_delay_is_capped() -> None:
    policy = FailurePolicy(free=0, delay=1.0, max_delay=5.0, lock_after=100)
    assert wait_seconds(policy, 10) == 5.0


def test_retry_after_counts_down_from_the_last_failure() -> None:
    failures = Failures(5, T0)  # waits 2 s
    assert retry_after(POLICY, failures, T0) == 2
    assert retry_after(POLICY, failures, later(1.5)) == 1
    assert retry_after(POLICY, failures, later(2)) == 0


def test_a_lock_runs_out_and_the_key_starts_afresh() -> None:
    failures = Failures()
    for i in range(8):
        failures = failed(POLICY, failures, later(i))
    assert locked(POLICY, failures, later(8))
    assert retry_after(POLICY, failures, later(8)) == 600 - 1
    assert not locked(POLICY, failures, later(7 + 600))
    assert failed(POLICY, failures, later(7 + 600)) == Failures(1, later(607))


def test_the_ledger_keeps_accounts_and_addresses_apart() -> None:
    limits = SignInLimits(
        account=POLICY, address=FailurePolicy(free=5, delay=1, max_delay=8, lock_after=20)
    )
    for _ in range(4):
        limits.failed("guilin", "10.0.0.1", T0)
    assert limits.retry_after("guilin", "10.0.0.2", T0) == 1  # the account waits, anywhere
    assert limits.retry_after("office", "10.0.0.1", T0) == 0  # the address is not yet slowed
    limits.succeeded("guilin")
    assert limits.retry_after("guilin", "10.0.0.1", T0) == 0
    for name in ("a", "b", "c"):  # one address guessing many names is slowed by itself
        limits.failed(name, "10.0.0.9", T0)
        limits.failed(name, "10.0.0.9", T0)
    assert limits.retry_after("d", "10.0.0.9", T0) == 1
    limits.succeeded("d")  # a good sign-in does not clear the address
    assert limits.retry_after("e", "10.0.0.9", T0) == 1


TIMEOUTS = SessionTimeouts(idle=600.0, absolute=3600.0)


def test_a_session_is_live_until_idle_absolute_or_ended() -> None:
    absolute = TIMEOUTS.absolute_until(T0)
    idle = TIMEOUTS.idle_until(T0, absolute)
    assert idle == later(600) and absolute == later(3600)
    assert session_live(later(599), idle, absolute, None)
    assert not session_live(later(600), idle, absolute, None)
    assert not session_live(later(1), idle, absolute, later(0.5))
    # used again and again, it still ends at the absolute expiry
    assert TIMEOUTS.idle_until(later(3500), absolute) == absolute
    assert not session_live(later(3600), later(3601), absolute, None)


def test_a_use_is_written_down_at_most_every_tenth_of_the_idle_time() -> None:
    assert not TIMEOUTS.needs_touch(T0, later(59))
    assert TIMEOUTS.needs_touch(T0, later(60))
