"""The daily warning digest: one message per unit per day at the set hour, whatever the number
of its warnings; run again the same day (or by another process) it queues nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.notifications.seed import install_test_key
from tests.integration.reporting.seed import june_round
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import Notification, Obligation
from tongnan.domain.models.notifications import NotificationEvent
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.server.notifications.digest_loop import digest_once

HOUR = 9


@pytest.fixture(autouse=True)
def _key() -> None:
    install_test_key()


async def test_one_digest_per_unit_per_day_whatever_the_number_of_warnings(
    db: DatabaseUrl,
) -> None:
    round_ = await june_round(7, 8, 9, 15)  # due 25 June; nothing reported
    owed: dict[int, int] = {}
    for (unit_id,) in await Obligation.filter(round_id=round_.id).values_list("unit_id"):
        owed[int(unit_id)] = owed.get(int(unit_id), 0) + 1
    assert max(owed.values()) > 1  # some units have several late reports
    plans = PlanCache()
    policy = WarningPolicy()
    clock = FixedClock(dt.datetime(2025, 6, 27, 8, 30, tzinfo=LOCAL_TZ))
    assert await digest_once(plans, clock, policy, HOUR) == (None, 0)  # before the hour

    clock.set(dt.datetime(2025, 6, 27, 9, 0, tzinfo=LOCAL_TZ))
    day, queued = await digest_once(plans, clock, policy, HOUR)
    assert (day, queued) == (dt.date(2025, 6, 27), len(owed))
    notes = await Notification.filter(event=NotificationEvent.WARNING_DIGEST)
    assert sorted(n.unit_id for n in notes) == sorted(owed)  # one each
    for note in notes:
        assert f"红色预警{owed[note.unit_id]}项" in note.body

    clock.set(dt.datetime(2025, 6, 27, 15, 0, tzinfo=LOCAL_TZ))
    assert (await digest_once(plans, clock, policy, HOUR))[1] == 0  # the same day: nothing
    assert await Notification.filter(event=NotificationEvent.WARNING_DIGEST).count() == len(owed)

    clock.set(dt.datetime(2025, 6, 28, 9, 5, tzinfo=LOCAL_TZ))
    assert (await digest_once(plans, clock, policy, HOUR))[1] == len(owed)  # the next day
    plans.close()


async def test_no_warnings_no_digest(db: DatabaseUrl) -> None:
    await june_round()
    plans = PlanCache()
    clock = FixedClock(dt.datetime(2025, 6, 2, 10, 0, tzinfo=LOCAL_TZ))  # far from due
    assert await digest_once(plans, clock, WarningPolicy(), HOUR) == (dt.date(2025, 6, 2), 0)
    assert not await Notification.filter(event=NotificationEvent.WARNING_DIGEST).exists()
    plans.close()
