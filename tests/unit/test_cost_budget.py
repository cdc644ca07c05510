"""The per-caller token bucket of cost points."""

from __future__ import annotations

import pytest

from tongnan.schema.common.budget import Caller, CostBudget


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_spends_then_waits_for_the_refill() -> None:
    clock = Clock()
    budget = CostBudget(1_000, 600, clock=clock)  # 10 points a second
    assert budget.charge("a", 700) == 0
    assert budget.remaining("a") == 300
    assert budget.charge("a", 500) == 20  # 200 short at 10 a second
    assert budget.remaining("a") == 300  # a refusal takes nothing
    clock.now = 19.0
    assert budget.charge("a", 500) == 1
    clock.now = 20.0
    assert budget.charge("a", 500) == 0
    assert budget.remaining("a") == 0


def test_callers_have_their_own_buckets_and_refill_stops_when_full() -> None:
    clock = Clock()
    budget = CostBudget(1_000, 600, clock=clock)
    assert budget.charge("a", 1_000) == 0
    assert budget.charge("b", 1_000) == 0
    clock.now = 3_600.0
    assert budget.remaining("a") == 1_000
    assert budget.charge("a", 1_001) == 0  # more than the whole bucket: charged the bucket
    assert budget.remaining("a") == 0


def test_full_buckets_are_forgotten_when_there_are_too_many_callers() -> None:
    clock = Clock()
    budget = CostBudget(100, 60, clock=clock, max_callers=2)
    budget.charge("a", 50)
    budget.charge("b", 50)
    clock.now = 100.0  # both full again
    budget.charge("c", 50)
    assert budget.charge("c", 51) == 1  # c itself is remembered
    budget.charge("d", 50)
    budget.charge("e", 50)  # all busy: the longest idle goes
    assert len(budget._buckets) == 2


def test_caller_charges_its_own_key() -> None:
    budget = CostBudget(10, 60, clock=Clock())
    assert Caller("user:张三", budget).charge(10) == 0
    assert budget.remaining("user:张三") == 0
    assert budget.remaining("address:127.0.0.1") == 10


def test_a_budget_needs_points_and_a_refill() -> None:
    with pytest.raises(ValueError, match="至少要有1点"):
        CostBudget(0, 60)
