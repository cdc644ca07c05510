"""What the app and ``tongnan worker`` start for notifications: the sealing key installed, the
delivery worker and the daily digest; and the calendar route."""

from __future__ import annotations

import contextlib
import random
from collections.abc import AsyncIterator

from starlette.routing import BaseRoute, Route

from tongnan.domain.common.clock import Clock
from tongnan.domain.notifications.sealing import install_key
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.server.notifications.calendar_route import calendar_feed
from tongnan.server.notifications.digest_loop import run_digest
from tongnan.server.notifications.worker import run_delivery
from tongnan.server.settings import Settings


def notification_routes() -> list[BaseRoute]:
    return [Route("/calendar/{secret}.ics", calendar_feed, methods=["GET"])]


@contextlib.asynccontextmanager
async def run_notifications(
    settings: Settings,
    key: bytes,
    plans: PlanCache,
    clock: Clock,
    policy: WarningPolicy,
    *,
    deliver: bool | None = None,
    rng: random.Random | None = None,
) -> AsyncIterator[None]:
    """Install the key channel secrets are sealed with; deliver and digest while the block runs
    (``deliver`` None: as TONGNAN_NOTIFY_WORKER says)."""
    install_key(key)
    notify = settings.notify
    if not (notify.worker if deliver is None else deliver):
        yield
        return
    async with (
        run_delivery(notify, clock, rng),
        run_digest(plans, clock, policy, notify.digest_hour, max(notify.poll_seconds, 1.0) * 30),
    ):
        yield
