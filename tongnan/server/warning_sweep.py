"""Warnings that time raises: a periodic sweep announces obligations newly YELLOW or RED."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from tongnan.domain.common.changes import FEED, Change, ChangeFeed
from tongnan.domain.common.clock import Clock, local_date
from tongnan.domain.common.errors import NotFound
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy
from tongnan.schema.common.plan_cache import PlanCache

log = logging.getLogger("tongnan.warnings")


async def sweep_once(
    plans: PlanCache,
    clock: Clock,
    policy: WarningPolicy,
    seen: dict[tuple[int, str], str],
    feed: ChangeFeed = FEED,
) -> int:
    """Announce each obligation whose level rose since the last sweep; returns how many."""
    try:
        bundle = await plans.get(None)
    except NotFound:
        return 0
    raised = 0
    view = bundle.view
    for item in (await bundle.reporting()).warnings(local_date(clock.now()), policy):
        key = (item.obligation.id, item.level.value)
        if item.level is WarningLevel.GREEN or key in seen:
            continue
        seen[key] = item.level.value
        raised += 1
        unit = view.units_by_id.get(item.obligation.unit_id)
        task = view.tasks_by_id.get(item.obligation.task_id)
        feed.publish(
            Change(
                "warning",
                view.plan.id,
                data={
                    "level": item.level.value,
                    "task_number": task.number if task else None,
                    "unit_id": item.obligation.unit_id,
                    "unit_name": unit.name if unit else None,
                    "reason": f"due {item.round.due_date.isoformat()} in {item.round.name}"
                    + (f", {item.days_late} days late" if item.days_late else ""),
                },
            )
        )
    return raised


@contextlib.asynccontextmanager
async def sweep_warnings(
    plans: PlanCache, clock: Clock, policy: WarningPolicy, every_seconds: int
) -> AsyncIterator[None]:
    """Sweep every ``every_seconds`` while the block runs; 0 turns the sweep off."""
    if every_seconds <= 0:
        yield
        return
    seen: dict[tuple[int, str], str] = {}

    async def loop() -> None:
        first = True
        while True:
            try:
                raised = await sweep_once(plans, clock, policy, seen)
                if first:  # what was already late at start-up is not news
                    first = False
                elif raised:
                    log.info("raised %d warnings", raised)
            except Exception:
                log.exception("warning sweep failed")
            await asyncio.sleep(every_seconds)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
