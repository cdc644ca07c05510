"""Read side: a stored plan and the directory as a PlanSnapshot for the responsibility matrix."""

from __future__ import annotations

from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.domain.plans.plan_view import load_plan_view


async def load_snapshot(code: str | None = None) -> PlanSnapshot:
    return (await load_plan_view(code)).snapshot()
