"""Files (佐证材料): stored blobs by content hash, uploads (one file as sent by one person) and
the evidence links that attach an upload to a rectification item or a progress report."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.models.reporting import ProgressReport
from tongnan.domain.models.supervision import RectificationItem


class StoredBlob(Model):
    """A file's bytes, once per content (the database file store): keyed by its SHA-256."""

    sha256 = fields.CharField(max_length=64, primary_key=True)
    size = fields.BigIntField()
    content = fields.BinaryField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "stored_blob"


class Upload(Model):
    """One file as one person sent it: the name (sanitised), size, type read from the bytes."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    size = fields.BigIntField()
    content_type = fields.CharField(max_length=128)
    sha256 = fields.CharField(max_length=64, db_index=True)
    uploaded_by = fields.CharField(max_length=128)
    uploader_unit_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "upload"


class Evidence(Model):
    """An upload attached to one rectification item or one progress report (exactly one)."""

    id = fields.IntField(primary_key=True)
    upload: fields.OneToOneRelation[Upload] = fields.OneToOneField(
        "models.Upload", related_name="evidence", on_delete=fields.CASCADE
    )
    upload_id: int
    item: fields.ForeignKeyNullableRelation[RectificationItem] = fields.ForeignKeyField(
        "models.RectificationItem", related_name="evidence", null=True, on_delete=fields.CASCADE
    )
    item_id: int | None
    report: fields.ForeignKeyNullableRelation[ProgressReport] = fields.ForeignKeyField(
        "models.ProgressReport", related_name="evidence", null=True, on_delete=fields.CASCADE
    )
    report_id: int | None
    attached_by = fields.CharField(max_length=128)
    attached_at = fields.DatetimeField()

    class Meta:
        table = "evidence"
