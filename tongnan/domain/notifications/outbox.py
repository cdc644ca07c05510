"""The transactional outbox: a notification and one delivery per enabled channel of its unit,
written by the use case that causes them, in its transaction (so they commit or roll back with
the event). A notification is also the unit's inbox entry.

Each (event, unit) is written once: its ``dedupe_key`` is unique, so an event seen twice (the
daily digest from two processes) cannot queue a second message.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Notification, NotificationChannel, NotificationDelivery
from tongnan.domain.models.notifications import DeliveryStatus
from tongnan.domain.notifications.templates import Message


def new_key() -> str:
    """A delivery's idempotency key: the receiver drops a message whose key it has seen."""
    return "tn-" + secrets.token_hex(16)


async def enqueue(
    unit_ids: Iterable[int], dedupe: str, message: Message, now: dt.datetime
) -> list[Notification]:
    """Queue ``message`` for each unit (skipping a unit that already had ``dedupe``); call
    inside the causing use case's UnitOfWork."""
    now = now.astimezone(dt.UTC)  # compared as text on SQLite: one zone for every row
    units = sorted(set(unit_ids))
    if not units:
        return []
    keys = {unit: f"{dedupe}:u{unit}" for unit in units}
    seen = {
        str(key)
        for key in await Notification.filter(dedupe_key__in=list(keys.values())).values_list(
            "dedupe_key", flat=True
        )
    }
    channels: dict[int, list[NotificationChannel]] = {}
    for channel in await NotificationChannel.filter(unit_id__in=units, enabled=True).order_by("id"):
        channels.setdefault(channel.unit_id, []).append(channel)
    written: list[Notification] = []
    deliveries: list[NotificationDelivery] = []
    for unit in units:
        if keys[unit] in seen:
            continue
        note = await Notification.create(
            unit_id=unit,
            event=message.event,
            dedupe_key=keys[unit],
            title=message.title,
            body=message.body,
            link=message.link,
            created_at=now,
        )
        written.append(note)
        deliveries += [
            NotificationDelivery(
                notification_id=note.id,
                channel_id=channel.id,
                kind=channel.kind,
                idempotency_key=new_key(),
                status=DeliveryStatus.PENDING,
                next_attempt_at=now,
                created_at=now,
                updated_at=now,
            )
            for channel in channels.get(unit, [])
        ]
    if deliveries:
        await NotificationDelivery.bulk_create(deliveries)
    return written


def announce(uow: UnitOfWork, written: list[Notification]) -> None:
    """Tell subscribers (here and, on PostgreSQL, in every server process) which unit got which
    notification, once the causing transaction commits: the workbench's bell hears it at once."""
    if written:
        uow.changed("notification", None, {"notes": [[n.unit_id, n.id] for n in written]})
