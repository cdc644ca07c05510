"""Subscriptions of notifications: the caller's unit's new inbox entries as they are written (an
urge, a return, a round opened, a rejected item, a document, the day's digest), so the
workbench's bell rings without reloading."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from tongnan.domain.notifications.inbox import received
from tongnan.schema.common.context import Info
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.notifications.types import Notification
from tongnan.schema.reporting.subscriptions import changes


@strawberry.type
class NotificationsSubscription:
    @strawberry.subscription(
        description="本单位新的站内消息(铃铛即时提醒)/ The caller's unit's new notifications.",
        permission_classes=[IsAuthenticated],
    )
    async def notification_received(self, info: Info) -> AsyncGenerator[Notification, None]:
        actor = info.context.actor
        assert actor is not None
        async for change in changes({"notification"}):
            for row in await received(actor, change.data.get("notes")):
                yield Notification.of(row)
