"""Progress reporting (调度): rounds, what each unit owes in them, reports and reported values."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.models.fields import StoredDecimalField
from tongnan.domain.models.plans import Target, Task, WorkPlan
from tongnan.domain.models.units import Unit


class RoundKind(StrEnum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    AD_HOC = "AD_HOC"


class RoundStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class ObligationKind(StrEnum):
    """UNIT: a responsible unit's report, reviewed by the task's leads; CONSOLIDATED: a lead's
    report for the whole task, reviewed by the office."""

    UNIT = "UNIT"
    CONSOLIDATED = "CONSOLIDATED"


class ReportStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    RETURNED = "RETURNED"
    ACCEPTED = "ACCEPTED"


class ReportingRound(Model):
    """一次调度: e.g. 2025年6月调度, due on a date, covering some or all tasks of a plan."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="rounds", on_delete=fields.CASCADE
    )
    plan_id: int
    name = fields.CharField(max_length=128)
    kind = fields.CharEnumField(RoundKind, max_length=16)
    due_date = fields.DateField()
    status = fields.CharEnumField(RoundStatus, max_length=16, default=RoundStatus.OPEN)
    opened_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)
    opened_by = fields.CharField(max_length=128)
    task_numbers = fields.JSONField[list[int]](default=list)  # the tasks the round covers
    version = fields.IntField(default=1)  # bumped by each edit (closing)

    class Meta:
        table = "reporting_round"
        unique_together = (("plan", "name"),)


class Obligation(Model):
    """A concrete unit owes a report of ``kind`` on a task in a round (groups already expanded)."""

    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[ReportingRound] = fields.ForeignKeyField(
        "models.ReportingRound", related_name="obligations", on_delete=fields.CASCADE
    )
    round_id: int
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="obligations", on_delete=fields.CASCADE
    )
    task_id: int
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="obligations", on_delete=fields.RESTRICT
    )
    unit_id: int
    kind = fields.CharEnumField(ObligationKind, max_length=16)
    via = fields.CharField(max_length=255, null=True)  # the group(s) the duty came through

    class Meta:
        table = "obligation"
        unique_together = (("round", "task", "unit", "kind"),)


class ProgressReport(Model):
    """进展情况: one unit's report on one task in one round; edits bump ``version``."""

    id = fields.IntField(primary_key=True)
    obligation: fields.OneToOneRelation[Obligation] = fields.OneToOneField(
        "models.Obligation", related_name="report", on_delete=fields.CASCADE
    )
    obligation_id: int
    round: fields.ForeignKeyRelation[ReportingRound] = fields.ForeignKeyField(
        "models.ReportingRound", related_name="reports", on_delete=fields.CASCADE
    )
    round_id: int
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="reports", on_delete=fields.CASCADE
    )
    task_id: int
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="reports", on_delete=fields.RESTRICT
    )
    unit_id: int
    kind = fields.CharEnumField(ObligationKind, max_length=16)
    status = fields.CharEnumField(ReportStatus, max_length=16)
    summary = fields.TextField(default="")
    completion = fields.IntField(default=0)
    problems = fields.TextField(default="")
    next_steps = fields.TextField(default="")
    late = fields.BooleanField(default=False)
    submitted_at = fields.DatetimeField(null=True)
    reviewed_at = fields.DatetimeField(null=True)
    reviewed_by = fields.CharField(max_length=128, null=True)
    review_comment = fields.TextField(null=True)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    values: fields.ReverseRelation[TargetValue]

    class Meta:
        table = "progress_report"
        indexes = (("task", "unit"),)


class TargetValue(Model):
    """A value reported for one of the task's targets (with last year's value for 有增长):
    the number in the target's unit, and the text the unit typed (2.4万, 8420元, 99%)."""

    id = fields.IntField(primary_key=True)
    report: fields.ForeignKeyRelation[ProgressReport] = fields.ForeignKeyField(
        "models.ProgressReport", related_name="values", on_delete=fields.CASCADE
    )
    report_id: int
    target: fields.ForeignKeyRelation[Target] = fields.ForeignKeyField(
        "models.Target", related_name="values", on_delete=fields.CASCADE
    )
    target_id: int
    value = StoredDecimalField(max_digits=20, decimal_places=4)
    baseline_value = StoredDecimalField(max_digits=20, decimal_places=4, null=True)
    value_typed = fields.CharField(max_length=64, null=True)  # None: written before 0006
    baseline_typed = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "target_value"
        unique_together = (("report", "target"),)


class IdempotencyKey(Model):
    """A client's key for one submission: a retry returns the first result, never a second one."""

    id = fields.IntField(primary_key=True)
    actor = fields.CharField(max_length=128)
    key = fields.CharField(max_length=128)
    payload_hash = fields.CharField(max_length=64)
    report: fields.ForeignKeyRelation[ProgressReport] = fields.ForeignKeyField(
        "models.ProgressReport", related_name="idempotency_keys", on_delete=fields.CASCADE
    )
    report_id: int
    created_at = fields.DatetimeField()

    class Meta:
        table = "idempotency_key"
        unique_together = (("actor", "key"),)
