"""Writes: set a unit's channel, mark inbox entries read, resend a dead letter, create or revoke
a unit's calendar feed. Each runs its use case through ``run_use_case``."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models.notifications import ChannelKind
from tongnan.domain.notifications.calendar_feed import NewFeed, create_feed, revoke_feed
from tongnan.domain.notifications.channels import ChannelRequest, ChannelView, set_channel
from tongnan.domain.notifications.inbox import mark_read
from tongnan.domain.notifications.office import DeliveryView, resend
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.notifications.types import (
    ChannelKindEnum,
    Notification,
    NotificationChannel,
    NotificationDelivery,
)


@strawberry.input(description="设置单位的一个推送渠道 / Create or change one of a unit's channels.")
class SetNotificationChannelInput:
    unit_id: strawberry.ID
    kind: ChannelKindEnum  # type: ignore[valid-type]
    enabled: bool = True
    expected_version: int = strawberry.field(description="上次读到的版本,新建为0 / 0 when new")
    webhook_url: str | None = strawberry.field(
        default=None, description="机器人网址;不填则保留原值 / the robot's URL (kept if omitted)"
    )
    secret: str | None = strawberry.field(
        default=None, description="钉钉加签密钥;空串删除 / DingTalk signing secret; '' removes it"
    )
    email: str | None = strawberry.field(default=None, description="收件地址 / the recipient")


@strawberry.type
class SetNotificationChannelPayload:
    channel: NotificationChannel | None
    user_errors: list[UserError]


@strawberry.input
class MarkNotificationsReadInput:
    ids: list[strawberry.ID]


@strawberry.type
class MarkNotificationsReadPayload:
    notifications: list[Notification]
    user_errors: list[UserError]


@strawberry.input
class ResendDeliveryInput:
    delivery_id: strawberry.ID
    expected_version: int


@strawberry.type
class ResendDeliveryPayload:
    delivery: NotificationDelivery | None
    user_errors: list[UserError]


@strawberry.input
class CalendarFeedInput:
    unit_id: strawberry.ID


@strawberry.type
class CreateCalendarFeedPayload:
    path: str | None = strawberry.field(
        description="订阅地址(只显示这一次;旧地址随即失效)/ the feed's path, shown once"
    )
    user_errors: list[UserError]


@strawberry.type
class RevokeCalendarFeedPayload:
    revoked: int
    user_errors: list[UserError]


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(description="设置推送渠道 / Set one of a unit's notification channels.")
    async def set_notification_channel(
        self, info: Info, input: SetNotificationChannelInput
    ) -> SetNotificationChannelPayload:
        async def work(actor: Actor) -> ChannelView:
            request = ChannelRequest(
                unit_id=input_key(input.unit_id, "Unit", ("unitId",)),
                kind=ChannelKind(input.kind),
                enabled=input.enabled,
                expected_version=input.expected_version,
                webhook_url=input.webhook_url,
                secret=input.secret,
                email=input.email,
            )
            return await set_channel(actor, request, info.context.now())

        view, errors = await run_use_case(info, "setNotificationChannel", work)
        channel = None if view is None else NotificationChannel.of(view)
        return SetNotificationChannelPayload(channel=channel, user_errors=errors)

    @strawberry.mutation(description="标记站内消息已读 / Mark inbox entries read.")
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        async def work(actor: Actor) -> list[Notification]:
            ids = [input_key(v, "Notification", ("ids", str(i))) for i, v in enumerate(input.ids)]
            return [Notification.of(n) for n in await mark_read(actor, ids, info.context.now())]

        rows, errors = await run_use_case(info, "markNotificationsRead", work)
        return MarkNotificationsReadPayload(notifications=rows or [], user_errors=errors)

    @strawberry.mutation(description="重发一条死信(专班办公室)/ Send a dead letter again (office).")
    async def resend_delivery(
        self, info: Info, input: ResendDeliveryInput
    ) -> ResendDeliveryPayload:
        async def work(actor: Actor) -> DeliveryView:
            key = input_key(input.delivery_id, "NotificationDelivery", ("deliveryId",))
            return await resend(actor, key, input.expected_version, info.context.now())

        view, errors = await run_use_case(info, "resendDelivery", work)
        delivery = None if view is None else NotificationDelivery.of(view)
        return ResendDeliveryPayload(delivery=delivery, user_errors=errors)

    @strawberry.mutation(
        description="生成日历订阅地址(旧地址失效)/ Make a unit's calendar feed (revokes the old)."
    )
    async def create_calendar_feed(
        self, info: Info, input: CalendarFeedInput
    ) -> CreateCalendarFeedPayload:
        async def work(actor: Actor) -> NewFeed:
            unit = input_key(input.unit_id, "Unit", ("unitId",))
            return await create_feed(actor, unit, info.context.now())

        made, errors = await run_use_case(info, "createCalendarFeed", work)
        path = None if made is None else f"/calendar/{made.secret}.ics"
        return CreateCalendarFeedPayload(path=path, user_errors=errors)

    @strawberry.mutation(description="吊销日历订阅地址 / Revoke a unit's calendar feed.")
    async def revoke_calendar_feed(
        self, info: Info, input: CalendarFeedInput
    ) -> RevokeCalendarFeedPayload:
        async def work(actor: Actor) -> int:
            unit = input_key(input.unit_id, "Unit", ("unitId",))
            return await revoke_feed(actor, unit, info.context.now())

        revoked, errors = await run_use_case(info, "revokeCalendarFeed", work)
        return RevokeCalendarFeedPayload(revoked=revoked or 0, user_errors=errors)
