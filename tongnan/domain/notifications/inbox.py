"""The inbox: a unit's notifications, newest first, and marking them read (the header's bell)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.permissions import require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Notification


@dataclass(frozen=True, slots=True)
class InboxPage:
    items: list[Notification]
    unread: int
    total: int


async def my_inbox(
    actor: Actor, *, unread_only: bool = False, limit: int = 20, offset: int = 0
) -> InboxPage:
    """The caller's unit's notifications (none for an account without a unit)."""
    if actor.unit_id is None:
        return InboxPage([], 0, 0)
    require_read(actor, "notify.inbox", actor.unit_id)
    rows = Notification.filter(unit_id=actor.unit_id)
    unread = await rows.filter(read_at__isnull=True).count()
    total = await rows.count()
    chosen = rows.filter(read_at__isnull=True) if unread_only else rows
    items = await chosen.order_by("-created_at", "-id").offset(offset).limit(limit)
    return InboxPage(items, unread, total)


async def mark_read(actor: Actor, ids: list[int], now: dt.datetime) -> list[Notification]:
    """Mark the caller's own notifications read (an id of another unit's is not found)."""
    require(actor, "notify.mark_read", actor.unit_id)
    async with UnitOfWork() as uow:
        rows = await Notification.filter(id__in=ids, unit_id=actor.unit_id)
        found = {row.id for row in rows}
        for index, key in enumerate(ids):
            if key not in found:
                raise NotFound("没有这条站内消息", ("ids", str(index)))
        fresh = [row.id for row in rows if row.read_at is None]
        if fresh:
            await Notification.filter(id__in=fresh).update(read_at=now, read_by=actor.name)
            await audit.record(
                actor, "notify.read", "Notification", ",".join(map(str, fresh)), now=now
            )
            uow.changed("notification")
        return await Notification.filter(id__in=ids).order_by("-created_at", "-id")


async def received(actor: Actor, notes: object) -> list[Notification]:
    """Of a change's ``[[unit id, notification id], …]``, the caller's unit's notifications
    (none for another unit's, for an account without a unit, or for a malformed list)."""
    if actor.unit_id is None or not isinstance(notes, list):
        return []
    ids = [
        int(pair[1])
        for pair in notes
        if isinstance(pair, list) and len(pair) == 2 and pair[0] == actor.unit_id
    ]
    if not ids:
        return []
    require_read(actor, "notify.inbox", actor.unit_id)
    return await Notification.filter(id__in=ids, unit_id=actor.unit_id).order_by("id")
