"""The daily warning digest: once the local digest hour has come, each unit with YELLOW or RED
obligations gets one message listing them (the outbox's unique key keeps it to one a day,
whichever process runs it and however often)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator

from tongnan.domain.common.clock import Clock
from tongnan.domain.common.errors import NotFound
from tongnan.domain.notifications.digest import Warned, due, group, queue_digests
from tongnan.domain.rules.warnings import WarningLevel, WarningPolicy
from tongnan.schema.common.plan_cache import PlanCache

log = logging.getLogger("tongnan.notify")


async def digest_once(
    plans: PlanCache, clock: Clock, policy: WarningPolicy, hour: int
) -> tuple[dt.date | None, int]:
    """Queue today's digests if their hour has come: (the day, how many were queued)."""
    now = clock.now()
    day = due(now, hour)
    if day is None:
        return None, 0
    try:
        bundle = await plans.get(None)
    except NotFound:
        return day, 0
    view = bundle.view
    warned: list[Warned] = []
    for item in (await bundle.reporting()).warnings(day, policy):
        if item.level is WarningLevel.GREEN:
            continue
        unit = view.units_by_id.get(item.obligation.unit_id)
        task = view.tasks_by_id.get(item.obligation.task_id)
        text = f"{task.label}{task.title}" if task else f"第{item.obligation.task_id}项任务"
        late = f",已逾期{item.days_late}天" if item.days_late else ""
        warned.append(
            Warned(
                item.obligation.unit_id,
                unit.name if unit else "",
                item.level.value,
                f"{text}({item.round.name},{item.round.due_date:%m月%d日}截止{late})",
            )
        )
    return day, await queue_digests(day, group(warned), now)


@contextlib.asynccontextmanager
async def run_digest(
    plans: PlanCache, clock: Clock, policy: WarningPolicy, hour: int, every_seconds: float
) -> AsyncIterator[None]:
    """Check every ``every_seconds`` whether today's digest is due (and not yet queued here)."""
    done: set[dt.date] = set()

    async def loop() -> None:
        while True:
            await asyncio.sleep(every_seconds)  # not at once: a start-up is not a schedule
            try:
                day = due(clock.now(), hour)
                if day is not None and day not in done:
                    _, queued = await digest_once(plans, clock, policy, hour)
                    done.add(day)
                    if queued:
                        log.info("queued %d warning digests for %s", queued, day)
            except Exception:
                log.exception("warning digest failed; retrying")

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
