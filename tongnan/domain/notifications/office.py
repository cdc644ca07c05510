"""What the office sees of deliveries: each with its attempts, the dead letters, and sending a
dead (or any undelivered) letter again. A resend keeps the idempotency key, so a receiver that
did get it after all drops the repeat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, NotFound
from tongnan.domain.common.permissions import require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import DeliveryAttempt, Notification, NotificationDelivery
from tongnan.domain.models.notifications import DeliveryStatus

MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class DeliveryView:
    delivery: NotificationDelivery
    notification: Notification
    attempts: list[DeliveryAttempt]


async def list_deliveries(
    actor: Actor,
    *,
    status: DeliveryStatus | None = None,
    unit_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DeliveryView], int]:
    """Deliveries newest first (dead letters: ``status=DEAD``), with their attempts; and the
    total matching."""
    require_read(actor, "notify.deliveries")
    query = NotificationDelivery.all()
    if status is not None:
        query = query.filter(status=status)
    if unit_id is not None:
        query = query.filter(notification__unit_id=unit_id)
    total = await query.count()
    rows = await query.order_by("-id").offset(offset).limit(min(limit, MAX_PAGE))
    return await _views(rows), total


async def _views(rows: list[NotificationDelivery]) -> list[DeliveryView]:
    notes = {n.id: n for n in await Notification.filter(id__in={r.notification_id for r in rows})}
    attempts: dict[int, list[DeliveryAttempt]] = {}
    for attempt in await DeliveryAttempt.filter(delivery_id__in=[r.id for r in rows]).order_by(
        "number"
    ):
        attempts.setdefault(attempt.delivery_id, []).append(attempt)
    return [DeliveryView(r, notes[r.notification_id], attempts.get(r.id, [])) for r in rows]


async def resend(
    actor: Actor, delivery_id: int, expected_version: int, now: dt.datetime
) -> DeliveryView:
    """Queue a dead letter again (its failures start from zero; its key stays)."""
    require(actor, "notify.resend")
    now = now.astimezone(dt.UTC)
    async with UnitOfWork() as uow:
        row = await NotificationDelivery.get_or_none(id=delivery_id)
        if row is None:
            raise NotFound("没有这条消息投递记录", ("deliveryId",))
        await check_version("NotificationDelivery", row.id, row.version, expected_version, now)
        if row.status is not DeliveryStatus.DEAD:
            words = "已送达" if row.status is DeliveryStatus.DELIVERED else "正在投递"
            raise Conflict(f"这条消息{words},不需要重发", ("deliveryId",))
        updated = await NotificationDelivery.filter(id=row.id, version=row.version).update(
            status=DeliveryStatus.PENDING,
            failures=0,
            next_attempt_at=now,
            version=row.version + 1,
            updated_at=now,
        )
        if updated != 1:
            raise await changed_meanwhile("NotificationDelivery", row.id, now)
        await audit.record(
            actor,
            "notify.resend",
            "NotificationDelivery",
            row.id,
            {"status": row.status, "version": row.version},
            {"status": DeliveryStatus.PENDING, "version": row.version + 1},
            now=now,
        )
        uow.changed("notification_delivery")
        fresh = await NotificationDelivery.get(id=row.id)
        return (await _views([fresh]))[0]
