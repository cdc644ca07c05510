"""The audit trail (留痕): append-only events of every change, the keyed seals that cover them,
and the checkpoints of the seal chain's head."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """Who did what to which object, when, and the values before and after.

    Events written before seals existed are hash-chained (``prev_hash`` is the event before's
    hash); later events are not chained (``prev_hash`` is empty) and carry a random ``salt``, so
    two events of the same content still hash apart. Seals cover both.
    """

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
    salt = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "audit_event"
        indexes = (("object_type", "object_id"),)


class AuditSeal(Model):
    """One batch of events, sealed: their ids (as ranges), the digest of their hashes, and an
    HMAC over all of it and the previous seal's MAC, keyed by a key the database does not hold."""

    id = fields.BigIntField(primary_key=True)
    seq = fields.BigIntField(unique=True)  # 1, 2, 3 …: a second sealer cannot fork the chain
    sealed_at = fields.DatetimeField()
    event_ranges = fields.TextField()  # JSON [[first, last], …], inclusive, ascending
    event_count = fields.IntField()
    high_water = fields.BigIntField()  # the highest event id sealed so far, this seal included
    digest = fields.CharField(max_length=64)
    prev_mac = fields.CharField(max_length=64)
    mac = fields.CharField(max_length=64)

    class Meta:
        table = "audit_seal"


class AuditCheckpoint(Model):
    """The head of the seal chain at one moment (also printed, for a person to keep outside)."""

    id = fields.BigIntField(primary_key=True)
    taken_at = fields.DatetimeField()
    seals = fields.BigIntField()
    mac = fields.CharField(max_length=64)

    class Meta:
        table = "audit_checkpoint"


class AuditVerification(Model):
    """One verification of the trail (``tongnan audit verify`` or the office's 立即核验): when,
    by whom, what it covered and what it found (append-only, like the trail)."""

    id = fields.BigIntField(primary_key=True)
    verified_at = fields.DatetimeField(db_index=True)
    by = fields.CharField(max_length=128)  # the user, or 命令行
    source = fields.CharField(max_length=16)  # "cli" or "web"
    ok = fields.BooleanField()
    events = fields.BigIntField()
    seals = fields.BigIntField()
    unsealed_recent = fields.BigIntField()
    problem_count = fields.IntField()
    problems = fields.JSONField[list[str]]()  # the first 200 of them
    against_checkpoint = fields.BooleanField(default=False)  # a checkpoint file was given
    seconds = fields.FloatField()  # how long it took

    class Meta:
        table = "audit_verification"
