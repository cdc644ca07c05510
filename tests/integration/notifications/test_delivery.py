"""The delivery worker over the outbox, on both backends: retries with backoff until the
receiver takes the message (once), dead letters after too many failures and the office's
resend, a lease that runs out, and concurrent workers that never claim the same delivery."""

from __future__ import annotations

import asyncio
import datetime as dt
import random

import pytest

from tests.integration.notifications.seed import (
    FlakyChannel,
    deliveries_of,
    dingtalk_for,
    install_test_key,
    open_june,
)
from tests.integration.reporting.seed import JUNE_1
from tests.support.seed import OFFICE, import_seed, reporter
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import DeliveryAttempt, NotificationDelivery, Unit
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.backoff import RetryPolicy
from tongnan.domain.notifications.delivery import claim
from tongnan.domain.notifications.office import list_deliveries, resend
from tongnan.domain.notifications.outbox import enqueue
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.notifications.worker import DeliveryWorker

SETTINGS = NotifySettings(backoff_base_seconds=10, backoff_max_seconds=60, max_failures=4)


@pytest.fixture(autouse=True)
def _key() -> None:
    install_test_key()


def _worker(channel: FlakyChannel, clock: FixedClock, name: str = "w1") -> DeliveryWorker:
    return DeliveryWorker(
        SETTINGS, clock, random.Random(1), {ChannelKind.DINGTALK: channel}, name=name
    )


async def _one_pending() -> NotificationDelivery:
    await import_seed()
    await dingtalk_for("双江镇")
    await open_june()
    [delivery] = await deliveries_of("双江镇")
    return delivery


async def test_three_failures_then_success_deliver_exactly_one_message(db: DatabaseUrl) -> None:
    delivery = await _one_pending()
    channel = FlakyChannel(fail_first=3)
    clock = FixedClock(JUNE_1)
    worker = _worker(channel, clock)
    waits = []
    for _ in range(3):
        assert await worker.run_once() == 1
        row = await NotificationDelivery.get(id=delivery.id)
        assert row.status is DeliveryStatus.PENDING
        waits.append((row.next_attempt_at - clock.now()).total_seconds())
        assert await worker.run_once() == 0  # not due yet: backing off
        clock.set(row.next_attempt_at)
    assert await worker.run_once() == 1
    row = await NotificationDelivery.get(id=delivery.id)
    assert (row.status, row.attempts, row.failures) == (DeliveryStatus.DELIVERED, 4, 3)
    assert channel.sent == [row.idempotency_key]  # one message, with its key
    assert 5 <= waits[0] <= 10 and 10 <= waits[1] <= 20 and 20 <= waits[2] <= 40
    attempts = await DeliveryAttempt.filter(delivery_id=row.id).order_by("number")
    assert [a.ok for a in attempts] == [False, False, False, True]
    assert all(a.finished_at is not None for a in attempts)
    assert "接收方暂时不可用" in (attempts[0].error or "")
    assert await worker.run_once() == 0  # delivered: never sent again


async def test_too_many_failures_make_a_dead_letter_the_office_sends_again(
    db: DatabaseUrl,
) -> None:
    delivery = await _one_pending()
    channel = FlakyChannel(fail_first=SETTINGS.max_failures)
    clock = FixedClock(JUNE_1)
    worker = _worker(channel, clock)
    for _ in range(SETTINGS.max_failures):
        clock.set(clock.now() + dt.timedelta(hours=1))
        assert await worker.run_once() == 1
    row = await NotificationDelivery.get(id=delivery.id)
    assert (row.status, row.failures) == (DeliveryStatus.DEAD, SETTINGS.max_failures)
    clock.set(clock.now() + dt.timedelta(days=1))
    assert await worker.run_once() == 0  # a dead letter waits for the office

    dead, total = await list_deliveries(OFFICE, status=DeliveryStatus.DEAD)
    assert total == 1 and dead[0].delivery.id == row.id
    assert len(dead[0].attempts) == SETTINGS.max_failures
    with pytest.raises(PermissionDenied):
        await resend(await reporter("双江镇"), row.id, row.version, clock.now())
    with pytest.raises(Conflict):
        await resend(OFFICE, row.id, row.version - 1, clock.now())
    again = await resend(OFFICE, row.id, row.version, clock.now())
    assert (again.delivery.status, again.delivery.failures) == (DeliveryStatus.PENDING, 0)
    assert await worker.run_once() == 1
    done = await NotificationDelivery.get(id=row.id)
    assert done.status is DeliveryStatus.DELIVERED
    assert channel.sent == [done.idempotency_key]
    with pytest.raises(Conflict, match="已送达"):
        await resend(OFFICE, row.id, done.version, clock.now())


async def test_a_lease_that_runs_out_is_claimed_again_with_the_same_key(db: DatabaseUrl) -> None:
    delivery = await _one_pending()
    policy = SETTINGS.retry_policy()
    [held] = await claim("dead-worker", JUNE_1, 10, policy)  # then the worker "dies"
    assert await claim("w2", JUNE_1 + dt.timedelta(seconds=30), 10, policy) == []
    later = JUNE_1 + dt.timedelta(seconds=policy.lease_seconds)
    [again] = await claim("w2", later, 10, policy)
    assert (again.delivery_id, again.key, again.attempt) == (delivery.id, held.key, 2)
    attempts = await DeliveryAttempt.filter(delivery_id=delivery.id).order_by("number")
    assert [(a.worker, a.finished_at) for a in attempts] == [("dead-worker", None), ("w2", None)]


async def test_concurrent_workers_never_claim_the_same_delivery(db: DatabaseUrl) -> None:
    await import_seed()
    units = [u.id for u in await Unit.all().order_by("id").limit(60)]
    for name in await Unit.filter(id__in=units).values_list("name", flat=True):
        await dingtalk_for(str(name))
    message = templates.round_opened("测试调度", dt.date(2025, 6, 25), 1, "/#/rounds/1")
    async with UnitOfWork():
        await enqueue(units, "bulk:1", message, JUNE_1)
    policy = RetryPolicy()
    batches = await asyncio.gather(*(claim(f"w{i}", JUNE_1, 7, policy) for i in range(12)))
    claimed = [c.delivery_id for batch in batches for c in batch]
    assert len(claimed) == len(set(claimed)) == len(units)  # all taken, none twice
    assert await claim("late", JUNE_1, 100, policy) == []
    holders = {d.id: d.claimed_by for d in await NotificationDelivery.all()}
    for i, batch in enumerate(batches):
        assert all(holders[c.delivery_id] == f"w{i}" for c in batch)


async def test_on_postgresql_a_claim_skips_rows_another_worker_has_locked(
    pg_db_url: DatabaseUrl,
) -> None:
    import asyncpg

    from tongnan.domain.common.runtime import open_database

    async with open_database(pg_db_url):
        await import_seed()
        for name in ("双江镇", "花岩镇", "龙形镇"):
            await dingtalk_for(name)
        await open_june()
        ids = sorted(d.id for d in await NotificationDelivery.all())
        assert len(ids) >= 2
        other = await asyncpg.connect(pg_db_url.asyncpg_dsn())
        try:
            locker = other.transaction()
            await locker.start()
            await other.execute(
                "SELECT id FROM notification_delivery WHERE id = $1 FOR UPDATE", ids[0]
            )
            taken = await asyncio.wait_for(claim("w", JUNE_1, 100, RetryPolicy()), timeout=5)
            assert sorted(c.delivery_id for c in taken) == ids[1:]  # no wait, no double
            await locker.rollback()
        finally:
            await other.close()
        [last] = await claim("w", JUNE_1, 100, RetryPolicy())
        assert last.delivery_id == ids[0]
