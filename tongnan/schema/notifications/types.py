"""Types of the notifications API. A channel never shows its webhook URL or secret."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain import models
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus, NotificationEvent
from tongnan.domain.notifications.channels import ChannelView
from tongnan.domain.notifications.office import DeliveryView
from tongnan.schema.common.ids import to_global_id

ChannelKindEnum = strawberry.enum(
    ChannelKind,
    name="NotificationChannelKind",
    description="推送渠道:钉钉群机器人、企业微信群机器人、电子邮件 / DingTalk robot, WeCom robot, "
    "e-mail.",
)
NotificationEventEnum = strawberry.enum(
    NotificationEvent,
    name="NotificationEvent",
    description="消息起因:催办、报告退回、调度开始、每日预警、销号未通过、公文印发 / its cause.",
)
DeliveryStatusEnum = strawberry.enum(
    DeliveryStatus,
    name="DeliveryStatus",
    description="投递状态:待投递、已送达、死信(多次失败,待重发)/ pending, delivered, dead letter.",
)


@strawberry.type(description="单位的一个推送渠道(不含网址和密钥)/ One of a unit's channels.")
class NotificationChannel:
    id: strawberry.ID
    unit_id: strawberry.ID
    kind: ChannelKindEnum  # type: ignore[valid-type]
    enabled: bool
    address: str = strawberry.field(description="收件地址或机器人所在主机 / where it goes")
    signed: bool = strawberry.field(description="已设置加签密钥 / a signing secret is set")
    version: int
    updated_at: dt.datetime

    @classmethod
    def of(cls, view: ChannelView) -> NotificationChannel:
        return cls(
            id=strawberry.ID(to_global_id("NotificationChannel", view.id)),
            unit_id=strawberry.ID(to_global_id("Unit", view.unit_id)),
            kind=view.kind,
            enabled=view.enabled,
            address=view.address,
            signed=view.signed,
            version=view.version,
            updated_at=view.updated_at,
        )


@strawberry.type(description="一条站内消息 / A notification (an inbox entry).")
class Notification:
    id: strawberry.ID
    unit_id: strawberry.ID
    event: NotificationEventEnum  # type: ignore[valid-type]
    title: str
    body: str
    link: str = strawberry.field(description="办理地址(相对本系统)/ the action's link")
    created_at: dt.datetime
    read_at: dt.datetime | None
    read: bool

    @classmethod
    def of(cls, row: models.Notification) -> Notification:
        return cls(
            id=strawberry.ID(to_global_id("Notification", row.id)),
            unit_id=strawberry.ID(to_global_id("Unit", row.unit_id)),
            event=row.event,
            title=row.title,
            body=row.body,
            link=row.link,
            created_at=row.created_at,
            read_at=row.read_at,
            read=row.read_at is not None,
        )


@strawberry.type(description="站内消息 / The caller's unit's inbox.")
class Inbox:
    items: list[Notification]
    unread_count: int
    total_count: int


@strawberry.type(description="一次投递尝试 / One delivery attempt.")
class DeliveryAttempt:
    number: int
    worker: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = strawberry.field(
        description="空:尝试中途中断(进程停止)/ null: cut short"
    )
    ok: bool | None
    error: str | None


@strawberry.type(description="一条消息经一个渠道的投递 / A notification sent over one channel.")
class NotificationDelivery:
    id: strawberry.ID
    notification: Notification
    channel: ChannelKindEnum  # type: ignore[valid-type]
    status: DeliveryStatusEnum  # type: ignore[valid-type]
    idempotency_key: str = strawberry.field(description="幂等键:接收方据此丢弃重复 / dedupe key")
    attempt_count: int
    failures: int = strawberry.field(description="本轮失败次数 / failures since (re)queued")
    next_attempt_at: dt.datetime
    delivered_at: dt.datetime | None
    last_error: str | None
    version: int
    attempts: list[DeliveryAttempt]

    @classmethod
    def of(cls, view: DeliveryView) -> NotificationDelivery:
        row = view.delivery
        return cls(
            id=strawberry.ID(to_global_id("NotificationDelivery", row.id)),
            notification=Notification.of(view.notification),
            channel=row.kind,
            status=row.status,
            idempotency_key=row.idempotency_key,
            attempt_count=row.attempts,
            failures=row.failures,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            last_error=row.last_error,
            version=row.version,
            attempts=[
                DeliveryAttempt(
                    number=a.number,
                    worker=a.worker,
                    started_at=a.started_at,
                    finished_at=a.finished_at,
                    ok=a.ok,
                    error=a.error,
                )
                for a in view.attempts
            ],
        )


@strawberry.type(description="投递记录的一页 / A page of deliveries.")
class DeliveryPage:
    items: list[NotificationDelivery]
    total_count: int


@strawberry.type(description="单位的日历订阅(地址只在生成时给出)/ A unit's calendar feed.")
class CalendarFeed:
    active: bool
    prefix: str | None = strawberry.field(description="地址开头几位,便于辨认 / to tell it apart")
    created_at: dt.datetime | None
