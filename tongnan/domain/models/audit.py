"""The audit trail (留痕): append-only, hash-chained events of every change."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """Who did what to which object, when, and the values before and after."""

    id = fields.BigIntField(primary_key=True)
    occurred_at = fields.DatetimeField()
    actor = fields.CharField(max_length=128)
    actor_unit = fields.CharField(max_length=128, null=True)
    action = fields.CharField(max_length=64)
    object_type = fields.CharField(max_length=32)
    object_id = fields.CharField(max_length=64)
    before = fields.JSONField[dict[str, object]](null=True)
    after = fields.JSONField[dict[str, object]](null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_event"
        indexes = (("object_type", "object_id"),)
