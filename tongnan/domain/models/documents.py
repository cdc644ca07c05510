"""Issued official documents (发文): a counter per series and year, and each document's snapshot."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.models.plans import WorkPlan
from tongnan.domain.models.reporting import ReportingRound
from tongnan.domain.models.supervision import Supervision, UrgeNotice


class DocumentCounter(Model):
    """The last serial number issued in a series (发文机关代字) and year; bumped in the issuing
    transaction, so two issues never share a number."""

    id = fields.IntField(primary_key=True)
    series = fields.CharField(max_length=64)
    year = fields.IntField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "document_counter"
        unique_together = (("series", "year"),)


class Document(Model):
    """One issued document: its number (``code``), what it was made from, and the full template
    context as canonical JSON (``snapshot``), so a reprint renders exactly the same text."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="documents", on_delete=fields.CASCADE
    )
    plan_id: int
    kind = fields.CharField(max_length=32)
    series = fields.CharField(max_length=64)
    year = fields.IntField()
    number = fields.IntField()
    code = fields.CharField(max_length=128)  # 潼巩固专办发〔2025〕2号
    title = fields.TextField()
    issued_on = fields.DateField()
    issued_by = fields.CharField(max_length=128)
    round: fields.ForeignKeyNullableRelation[ReportingRound] = fields.ForeignKeyField(
        "models.ReportingRound", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    round_id: int | None
    supervision: fields.ForeignKeyNullableRelation[Supervision] = fields.ForeignKeyField(
        "models.Supervision", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    supervision_id: int | None
    urge_notice: fields.ForeignKeyNullableRelation[UrgeNotice] = fields.ForeignKeyField(
        "models.UrgeNotice", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    urge_notice_id: int | None
    template = fields.CharField(max_length=64)
    snapshot = fields.TextField()  # canonical JSON of the template context
    content_hash = fields.CharField(max_length=64)  # sha256 of template name and snapshot
    created_at = fields.DatetimeField()

    class Meta:
        table = "document"
        unique_together = (("series", "year", "number"),)
        indexes = (("kind", "issued_on"),)
