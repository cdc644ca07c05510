"""Reads: a unit's channels and calendar feed, the caller's inbox, the office's deliveries and
dead letters."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from tongnan.domain.common.errors import DomainError
from tongnan.domain.common.permissions import require_read
from tongnan.domain.models.notifications import DeliveryStatus
from tongnan.domain.notifications.calendar_feed import live_feed
from tongnan.domain.notifications.channels import list_channels
from tongnan.domain.notifications.inbox import my_inbox
from tongnan.domain.notifications.office import list_deliveries
from tongnan.schema.common.context import Info
from tongnan.schema.common.ids import NO_ROW, query_key
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.notifications.types import (
    CalendarFeed,
    DeliveryPage,
    DeliveryStatusEnum,
    Inbox,
    Notification,
    NotificationChannel,
    NotificationDelivery,
)

MAX_PAGE = 100


def _page(first: int, offset: int) -> tuple[int, int]:
    if not 1 <= first <= MAX_PAGE:
        raise GraphQLError(f"first:每页1到{MAX_PAGE}条")
    if offset < 0:
        raise GraphQLError("offset:不能小于0")
    return first, offset


@strawberry.type
class NotificationsQuery:
    @strawberry.field(
        description="单位的推送渠道(不含网址和密钥)/ A unit's channels, without secrets.",
        permission_classes=[IsAuthenticated],
    )
    async def notification_channels(
        self, info: Info, unit_id: strawberry.ID
    ) -> list[NotificationChannel]:
        actor = info.context.actor
        assert actor is not None
        key = query_key(unit_id, "Unit", "unitId") or NO_ROW
        try:
            return [NotificationChannel.of(v) for v in await list_channels(actor, key)]
        except DomainError as error:
            raise GraphQLError(error.message) from None

    @strawberry.field(
        description="单位的日历订阅状态 / Whether a unit's calendar feed is live.",
        permission_classes=[IsAuthenticated],
    )
    async def calendar_feed(self, info: Info, unit_id: strawberry.ID) -> CalendarFeed:
        actor = info.context.actor
        assert actor is not None
        key = query_key(unit_id, "Unit", "unitId") or NO_ROW
        try:
            require_read(actor, "notify.channels", key)
        except DomainError as error:
            raise GraphQLError(error.message) from None
        feed = await live_feed(key)
        if feed is None:
            return CalendarFeed(active=False, prefix=None, created_at=None)
        return CalendarFeed(active=True, prefix=feed.prefix, created_at=feed.created_at)

    @strawberry.field(
        description="本单位的站内消息,新的在前(铃铛)/ The caller's unit's inbox, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def inbox(
        self, info: Info, unread_only: bool = False, first: int = 20, offset: int = 0
    ) -> Inbox:
        actor = info.context.actor
        assert actor is not None
        first, offset = _page(first, offset)
        try:
            page = await my_inbox(actor, unread_only=unread_only, limit=first, offset=offset)
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return Inbox(
            items=[Notification.of(n) for n in page.items],
            unread_count=page.unread,
            total_count=page.total,
        )

    @strawberry.field(
        description="消息投递记录及每次尝试(专班办公室)/ Deliveries with their attempts (office).",
        permission_classes=[IsAuthenticated],
    )
    async def notification_deliveries(
        self,
        info: Info,
        status: DeliveryStatusEnum | None = None,  # type: ignore[valid-type]
        unit_id: strawberry.ID | None = None,
        first: int = 50,
        offset: int = 0,
    ) -> DeliveryPage:
        actor = info.context.actor
        assert actor is not None
        first, offset = _page(first, offset)
        unit = None if unit_id is None else query_key(unit_id, "Unit", "unitId") or NO_ROW
        try:
            views, total = await list_deliveries(
                actor,
                status=DeliveryStatus(status) if status is not None else None,
                unit_id=unit,
                limit=first,
                offset=offset,
            )
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return DeliveryPage(items=[NotificationDelivery.of(v) for v in views], total_count=total)

    @strawberry.field(
        description="死信:多次投递失败的消息,可重发(专班办公室)/ Dead letters (office).",
        permission_classes=[IsAuthenticated],
    )
    async def dead_letters(self, info: Info, first: int = 50, offset: int = 0) -> DeliveryPage:
        actor = info.context.actor
        assert actor is not None
        first, offset = _page(first, offset)
        try:
            views, total = await list_deliveries(
                actor, status=DeliveryStatus.DEAD, limit=first, offset=offset
            )
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return DeliveryPage(items=[NotificationDelivery.of(v) for v in views], total_count=total)


def _root_fields() -> frozenset[str]:
    fields = get_object_definition(NotificationsQuery, strict=True).fields
    return frozenset(f.graphql_name or to_camel_case(f.python_name) for f in fields)


ROOT_FIELDS = _root_fields()
"""The query fields that read notifications: a cached answer to a query naming one of them is
dropped when a notification, delivery, channel or calendar feed changes, and no other is."""
