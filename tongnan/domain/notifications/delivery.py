"""The worker's side of the outbox: claim due deliveries, then record each attempt's outcome.

A claim takes due PENDING deliveries and leases them to one worker (``next_attempt_at`` moves
to the lease's end, an attempt row is written): on PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so
concurrent workers never take the same row; on SQLite the claim runs in the single writer's
transaction. A worker that dies leaves its deliveries PENDING: when the lease ends another
claims them and sends them again with the same idempotency key. Success is recorded only on
the receiver's acknowledgement; a failure schedules the next try with backoff, or makes the
delivery a dead letter.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise import connections

from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import DeliveryAttempt, Notification, NotificationDelivery
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.domain.notifications.backoff import RetryPolicy

MAX_ERROR = 500


def utc(moment: dt.datetime) -> dt.datetime:
    """Times the outbox compares are stored in UTC (SQLite compares them as text)."""
    return moment.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery a worker now holds: what to send, where, and with which key."""

    delivery_id: int
    attempt: int
    channel: ChannelKind
    channel_id: int | None
    key: str
    unit_id: int
    title: str
    body: str
    link: str


_PG_CLAIM = """
UPDATE notification_delivery AS d
   SET next_attempt_at = $1, claimed_by = $2, attempts = d.attempts + 1, updated_at = $3
 WHERE d.id IN (
       SELECT id FROM notification_delivery
        WHERE status = 'PENDING' AND next_attempt_at <= $3
        ORDER BY next_attempt_at, id
        LIMIT $4
        FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.attempts
"""


async def claim(worker: str, now: dt.datetime, limit: int, policy: RetryPolicy) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries to ``worker``; each gets a new attempt row."""
    now = utc(now)
    lease_end = now + dt.timedelta(seconds=policy.lease_seconds)
    if not await NotificationDelivery.exists(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ):
        return []  # a plain read: an idle worker takes no write lock
    async with UnitOfWork() as uow:
        conn = connections.get("default")
        if conn.capabilities.dialect == "postgres":
            rows = await conn.execute_query_dict(_PG_CLAIM, [lease_end, worker, now, limit])
            taken = {int(r["id"]): int(r["attempts"]) for r in rows}
        else:  # SQLite: this transaction holds the only write lock
            due = (
                await NotificationDelivery.filter(
                    status=DeliveryStatus.PENDING, next_attempt_at__lte=now
                )
                .order_by("next_attempt_at", "id")
                .limit(limit)
                .values_list("id", "attempts")
            )
            taken = {int(i): int(a) + 1 for i, a in due}
            for delivery_id, attempts in taken.items():
                await NotificationDelivery.filter(id=delivery_id).update(
                    next_attempt_at=lease_end, claimed_by=worker, attempts=attempts, updated_at=now
                )
        if not taken:
            return []
        uow.changed("notification_delivery")  # the office's lists show the attempt
        await DeliveryAttempt.bulk_create(
            [
                DeliveryAttempt(delivery_id=i, number=n, worker=worker, started_at=now)
                for i, n in taken.items()
            ]
        )
        rows_ = await NotificationDelivery.filter(id__in=list(taken)).order_by("id")
        notes = {
            n.id: n for n in await Notification.filter(id__in={r.notification_id for r in rows_})
        }
    return [
        Claimed(
            r.id,
            taken[r.id],
            r.kind,
            r.channel_id,
            r.idempotency_key,
            notes[r.notification_id].unit_id,
            notes[r.notification_id].title,
            notes[r.notification_id].body,
            notes[r.notification_id].link,
        )
        for r in rows_
    ]


@dataclass(frozen=True, slots=True)
class Failure:
    """An attempt that failed, and why (in Chinese, shown to the office)."""

    claimed: Claimed
    error: str


async def record_outcomes(
    acknowledged: Sequence[Claimed],
    failures: Sequence[Failure],
    worker: str,
    now: dt.datetime,
    policy: RetryPolicy,
    rng: random.Random,
) -> dict[int, DeliveryStatus]:
    """Record a batch of outcomes in one transaction, announced once: the acknowledged are
    delivered (two statements for all of them; one another worker's lease took over meanwhile
    is done too, that worker's attempt records its own outcome); each failure is tried again
    later with backoff, or becomes a dead letter. Returns the failed deliveries' new status."""
    if not acknowledged and not failures:
        return {}
    now = utc(now)
    async with UnitOfWork() as uow:
        uow.changed("notification_delivery")  # the office's lists (and only they) show it
        if acknowledged:
            ids = [c.delivery_id for c in acknowledged]
            await NotificationDelivery.filter(id__in=ids, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.DELIVERED,
                delivered_at=now,
                last_error=None,
                updated_at=now,
            )
            await DeliveryAttempt.filter(
                delivery_id__in=ids, worker=worker, finished_at__isnull=True
            ).update(finished_at=now, ok=True)
        return await _failed(failures, now, policy, rng) if failures else {}


async def _failed(
    failures: Sequence[Failure], now: dt.datetime, policy: RetryPolicy, rng: random.Random
) -> dict[int, DeliveryStatus]:
    rows = {
        r.id: r
        for r in await NotificationDelivery.filter(id__in=[f.claimed.delivery_id for f in failures])
    }
    outcome: dict[int, DeliveryStatus] = {}
    for failure in failures:
        claimed, error = failure.claimed, failure.error[:MAX_ERROR]
        await DeliveryAttempt.filter(
            delivery_id=claimed.delivery_id, number=claimed.attempt
        ).update(finished_at=now, ok=False, error=error)
        row = rows.get(claimed.delivery_id)
        if row is None or row.status is not DeliveryStatus.PENDING:
            outcome[claimed.delivery_id] = row.status if row is not None else DeliveryStatus.DEAD
            continue
        failures_ = row.failures + 1
        dead = policy.gives_up(failures_)
        await NotificationDelivery.filter(id=row.id).update(
            failures=failures_,
            status=DeliveryStatus.DEAD if dead else DeliveryStatus.PENDING,
            next_attempt_at=now if dead else policy.next_attempt(now, failures_, rng),
            last_error=error,
            version=row.version + 1 if dead else row.version,
            updated_at=now,
        )
        outcome[claimed.delivery_id] = DeliveryStatus.DEAD if dead else DeliveryStatus.PENDING
    return outcome
