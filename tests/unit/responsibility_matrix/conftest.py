"""Fixtures: the real 2025 plan as a snapshot and as a graph."""

from __future__ import annotations

import pytest

from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.responsibility_matrix import ResponsibilityGraph

from .real_plan import real_plan


@pytest.fixture
def real_snapshot() -> PlanSnapshot:
    return real_plan()


@pytest.fixture
def real_graph(real_snapshot: PlanSnapshot) -> ResponsibilityGraph:
    return ResponsibilityGraph(real_snapshot)
