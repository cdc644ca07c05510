"""Supervision (督查), findings (发现问题), the rectification ledger (整改台账) and urge notices."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.models.plans import WorkPlan
from tongnan.domain.models.units import Unit


class SupervisionKind(StrEnum):
    """书面督查 (WRITTEN), 实地督查 (ON_SITE), 随机抽查暗访 (SPOT_CHECK)."""

    WRITTEN = "WRITTEN"
    ON_SITE = "ON_SITE"
    SPOT_CHECK = "SPOT_CHECK"


class FindingSource(StrEnum):
    """Where a problem was found; OTHER carries its own name (``Finding.source_detail``)."""

    ASSESSMENT = "ASSESSMENT"  # 中市考核评估
    INSPECTION = "INSPECTION"  # 市委巡视反馈
    VISITS = "VISITS"  # “大走访大排查大整改”
    DISTRICT_SUPERVISION = "DISTRICT_SUPERVISION"  # 区级专项督查
    OTHER = "OTHER"


class Severity(StrEnum):
    """一般 (GENERAL), 较重 (SERIOUS), 严重 (GRAVE)."""

    GENERAL = "GENERAL"
    SERIOUS = "SERIOUS"
    GRAVE = "GRAVE"


class RectificationStatus(StrEnum):
    """OPEN → IN_PROGRESS → COMPLETED → VERIFIED (销号); a failed check sends it back."""

    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    VERIFIED = "VERIFIED"


class UrgedKind(StrEnum):
    """What an urge notice chases: a rectification item or a progress report."""

    RECTIFICATION = "RECTIFICATION"
    REPORT = "REPORT"


SOURCE_LABELS: dict[FindingSource, str] = {
    FindingSource.ASSESSMENT: "中市考核评估",
    FindingSource.INSPECTION: "市委巡视反馈",
    FindingSource.VISITS: "“大走访大排查大整改”",
    FindingSource.DISTRICT_SUPERVISION: "区级专项督查",
    FindingSource.OTHER: "其他",
}
KIND_LABELS: dict[SupervisionKind, str] = {
    SupervisionKind.WRITTEN: "书面督查",
    SupervisionKind.ON_SITE: "实地督查",
    SupervisionKind.SPOT_CHECK: "随机抽查暗访",
}
STATUS_LABELS: dict[RectificationStatus, str] = {
    RectificationStatus.OPEN: "待整改",
    RectificationStatus.IN_PROGRESS: "整改中",
    RectificationStatus.COMPLETED: "已完成",
    RectificationStatus.VERIFIED: "已销号",
}
SEVERITY_LABELS: dict[Severity, str] = {
    Severity.GENERAL: "一般",
    Severity.SERIOUS: "较重",
    Severity.GRAVE: "严重",
}


def source_name(source: FindingSource, detail: str | None) -> str:
    """A source as the ledger prints it (the given name for OTHER)."""
    if source is FindingSource.OTHER and detail:
        return detail
    return SOURCE_LABELS[source]


class Supervision(Model):
    """一次督查: its kind, the units and tasks it covers, dates, team and (spot checks) the draw."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="supervisions", on_delete=fields.CASCADE
    )
    plan_id: int
    kind = fields.CharEnumField(SupervisionKind, max_length=16)
    title = fields.CharField(max_length=255)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    team = fields.JSONField[list[dict[str, str]]](default=list)  # [{"name", "post"}]
    task_numbers = fields.JSONField[list[int]](default=list)
    unit_ids = fields.JSONField[list[int]](default=list)
    notes = fields.TextField(default="")
    draw = fields.JSONField[dict[str, Any]](null=True)  # the seeded draw of a spot check
    created_by = fields.CharField(max_length=128)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "supervision"


class Finding(Model):
    """发现问题: a problem, where it was found, which tasks and units it concerns."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="findings", on_delete=fields.CASCADE
    )
    plan_id: int
    supervision: fields.ForeignKeyNullableRelation[Supervision] = fields.ForeignKeyField(
        "models.Supervision", related_name="findings", null=True, on_delete=fields.SET_NULL
    )
    supervision_id: int | None
    source = fields.CharEnumField(FindingSource, max_length=32)
    source_detail = fields.CharField(max_length=128, null=True)  # the name of an OTHER source
    description = fields.TextField()
    severity = fields.CharEnumField(Severity, max_length=16, default=Severity.GENERAL)
    task_numbers = fields.JSONField[list[int]](default=list)
    unit_ids = fields.JSONField[list[int]](default=list)
    found_on = fields.DateField()
    created_by = fields.CharField(max_length=128)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    items: fields.ReverseRelation[RectificationItem]

    class Meta:
        table = "finding"

    @property
    def source_name(self) -> str:
        """The source as the ledger prints it (the given name for OTHER)."""
        return source_name(self.source, self.source_detail)


class RectificationItem(Model):
    """整改事项: measures, deadline, responsible unit and persons, status; edits bump version."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="rectification_items", on_delete=fields.CASCADE
    )
    plan_id: int
    finding: fields.ForeignKeyRelation[Finding] = fields.ForeignKeyField(
        "models.Finding", related_name="items", on_delete=fields.CASCADE
    )
    finding_id: int
    responsible_unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="rectification_items", on_delete=fields.RESTRICT
    )
    responsible_unit_id: int
    measures = fields.TextField()
    deadline = fields.DateField()
    responsible_persons = fields.JSONField[list[dict[str, str]]](default=list)
    status = fields.CharEnumField(
        RectificationStatus, max_length=16, default=RectificationStatus.OPEN
    )
    returned = fields.BooleanField(default=False)  # verification failed, not yet re-completed
    latest_progress = fields.TextField(null=True)
    latest_progress_on = fields.DateField(null=True)
    completed_at = fields.DatetimeField(null=True)
    verified_at = fields.DatetimeField(null=True)
    verified_by = fields.CharField(max_length=128, null=True)
    verification_note = fields.TextField(null=True)
    voided_at = fields.DatetimeField(null=True)  # 作废: kept, out of the figures
    voided_by = fields.CharField(max_length=128, null=True)
    void_reason = fields.TextField(null=True)
    created_by = fields.CharField(max_length=128)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    updates: fields.ReverseRelation[RectificationUpdate]

    class Meta:
        table = "rectification_item"
        indexes = (("plan", "status"),)


class RectificationUpdate(Model):
    """定期调度: what the responsible unit did by a date, and the status it left the item in."""

    id = fields.IntField(primary_key=True)
    item: fields.ForeignKeyRelation[RectificationItem] = fields.ForeignKeyField(
        "models.RectificationItem", related_name="updates", on_delete=fields.CASCADE
    )
    item_id: int
    reported_on = fields.DateField()
    content = fields.TextField()
    status_after = fields.CharEnumField(RectificationStatus, max_length=16)
    author = fields.CharField(max_length=128)
    author_unit = fields.CharField(max_length=128, null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "rectification_update"
        indexes = (("item", "reported_on"),)


class UrgeNotice(Model):
    """催办: what a document needs: unit, items with due dates and days overdue, date, number."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="urge_notices", on_delete=fields.CASCADE
    )
    plan_id: int
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="urge_notices", on_delete=fields.RESTRICT
    )
    unit_id: int
    sequence = fields.IntField()  # 1, 2, … per plan
    issued_on = fields.DateField()
    # [{"kind", "ref_id", "text", "due_date", "days_overdue"}], in the notice's order
    items = fields.JSONField[list[dict[str, Any]]](default=list)
    issued_by = fields.CharField(max_length=128)
    created_at = fields.DatetimeField()

    class Meta:
        table = "urge_notice"
        unique_together = (("plan", "sequence"),)
