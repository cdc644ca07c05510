"""Notifications: each unit's channels, the outbox (a notification and its deliveries, written in
the transaction of the event that causes them), every delivery attempt, and calendar feeds."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.models.units import Unit


class ChannelKind(StrEnum):
    DINGTALK = "DINGTALK"  # 钉钉群机器人
    WECOM = "WECOM"  # 企业微信群机器人
    EMAIL = "EMAIL"  # 电子邮件 (SMTP)


class NotificationEvent(StrEnum):
    URGE_ISSUED = "URGE_ISSUED"
    REPORT_RETURNED = "REPORT_RETURNED"
    ROUND_OPENED = "ROUND_OPENED"
    WARNING_DIGEST = "WARNING_DIGEST"
    ITEM_REJECTED = "ITEM_REJECTED"
    DOCUMENT_ISSUED = "DOCUMENT_ISSUED"


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"  # waiting for its next attempt (or held by a worker until its lease ends)
    DELIVERED = "DELIVERED"  # the receiver acknowledged it
    DEAD = "DEAD"  # failed too often: a dead letter until the office sends it again


class NotificationChannel(Model):
    """One way a unit is told: its kind, whether on, what may be shown of the address, and the
    rest (webhook URL, signing secret) sealed with the server's key."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="notification_channels", on_delete=fields.CASCADE
    )
    unit_id: int
    kind = fields.CharEnumField(ChannelKind, max_length=16)
    enabled = fields.BooleanField(default=True)
    address = fields.CharField(max_length=255)  # shown: e-mail address, or the webhook's host
    sealed = fields.TextField(null=True)  # AES-GCM sealed JSON of the secrets; never returned
    version = fields.IntField(default=1)
    updated_by = fields.CharField(max_length=128)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "notification_channel"
        unique_together = (("unit", "kind"),)


class Notification(Model):
    """A message for a unit (also its inbox entry), written with the event that causes it."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="notifications", on_delete=fields.CASCADE
    )
    unit_id: int
    event = fields.CharEnumField(NotificationEvent, max_length=32)
    dedupe_key = fields.CharField(max_length=160, unique=True)  # one per event and unit
    title = fields.CharField(max_length=255)
    body = fields.TextField()  # Markdown (the robots) and plain text (mail, inbox)
    link = fields.CharField(max_length=512)
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)
    read_by = fields.CharField(max_length=128, null=True)

    class Meta:
        table = "notification"
        indexes = (("unit_id", "created_at"),)


class NotificationDelivery(Model):
    """One notification sent over one channel: at least once, always with the same key."""

    id = fields.IntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", related_name="deliveries", on_delete=fields.CASCADE
    )
    notification_id: int
    channel: fields.ForeignKeyNullableRelation[NotificationChannel] = fields.ForeignKeyField(
        "models.NotificationChannel",
        related_name="deliveries",
        null=True,
        on_delete=fields.SET_NULL,
    )
    channel_id: int | None
    kind = fields.CharEnumField(ChannelKind, max_length=16)
    idempotency_key = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)  # every attempt, ever
    failures = fields.IntField(default=0)  # failures since it was (re)queued
    next_attempt_at = fields.DatetimeField()  # also the end of a worker's lease on it
    claimed_by = fields.CharField(max_length=64, null=True)
    delivered_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "notification_delivery"
        indexes = (("status", "next_attempt_at"),)


class DeliveryAttempt(Model):
    """One try: written when a worker claims the delivery, finished with its outcome (an
    attempt never finished was cut short: the worker stopped)."""

    id = fields.IntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[NotificationDelivery] = fields.ForeignKeyField(
        "models.NotificationDelivery", related_name="attempt_rows", on_delete=fields.CASCADE
    )
    delivery_id: int
    number = fields.IntField()
    worker = fields.CharField(max_length=64)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    ok = fields.BooleanField(null=True)
    error = fields.TextField(null=True)

    class Meta:
        table = "delivery_attempt"
        unique_together = (("delivery", "number"),)


class CalendarFeed(Model):
    """A unit's calendar subscription: only the secret's SHA-256 is kept; revoked ends it."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="calendar_feeds", on_delete=fields.CASCADE
    )
    unit_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=16)
    created_by = fields.CharField(max_length=128)
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_feed"
