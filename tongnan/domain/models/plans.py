"""The work plan (工作要点) as stored: plan, sections, tasks, assignments and targets."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.common.values import AssignmentRole, Comparator, TargetScope
from tongnan.domain.models.fields import StoredDecimalField
from tongnan.domain.models.units import Unit


class WorkPlan(Model):
    """One issued notice (发文字号 = ``code``) and the plan it carries."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    title = fields.TextField()
    plan_title = fields.TextField()
    issuer = fields.TextField()
    issued_on = fields.DateField()
    parent_code = fields.CharField(max_length=64, null=True)
    parent_title = fields.TextField(null=True)
    addressees = fields.JSONField[list[str]](default=list)
    letter = fields.TextField()
    preamble = fields.TextField()
    printed_by = fields.TextField(null=True)
    printed_on = fields.DateField(null=True)
    full_text = fields.TextField()
    source_sha256 = fields.CharField(max_length=64)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    sections: fields.ReverseRelation[Section]
    tasks: fields.ReverseRelation[Task]

    class Meta:
        table = "work_plan"


class Section(Model):
    """一、… 七、: a numbered part of the plan."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="sections", on_delete=fields.CASCADE
    )
    plan_id: int
    number = fields.IntField()
    label = fields.CharField(max_length=8)
    title = fields.TextField()

    tasks: fields.ReverseRelation[Task]

    class Meta:
        table = "section"
        unique_together = (("plan", "number"),)


class Task(Model):
    """A task with its body and due date: ``number`` counts the plan's tasks in order, ``label``
    is the notice's own numbering ((一), 1., ①); ``path`` the headings above it; ``leaders``,
    ``deadline_text`` / ``deadline_kind`` and ``units_open_ended`` as the notice wrote them."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[WorkPlan] = fields.ForeignKeyField(
        "models.WorkPlan", related_name="tasks", on_delete=fields.CASCADE
    )
    section: fields.ForeignKeyRelation[Section] = fields.ForeignKeyField(
        "models.Section", related_name="tasks", on_delete=fields.CASCADE
    )
    plan_id: int
    section_id: int
    number = fields.IntField()
    label = fields.CharField(max_length=32)
    title = fields.TextField()
    body = fields.TextField()
    due_date = fields.DateField(null=True)
    path = fields.JSONField[list[str]](default=list)
    leaders = fields.JSONField[list[str]](default=list)
    deadline_text = fields.TextField(null=True)
    deadline_kind = fields.CharField(max_length=16, null=True)  # DATE / RECURRING / ONGOING / TEXT
    units_open_ended = fields.BooleanField(default=False)
    version = fields.IntField(default=1)  # bumped by each edit (due date)

    assignments: fields.ReverseRelation[Assignment]
    targets: fields.ReverseRelation[Target]

    class Meta:
        table = "task"
        unique_together = (("plan", "number"),)


class Assignment(Model):
    """Task × unit × role (LEAD / RESPONSIBLE), in the order the notice names them."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="assignments", on_delete=fields.CASCADE
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="assignments", on_delete=fields.RESTRICT
    )
    task_id: int
    unit_id: int
    role = fields.CharEnumField(AssignmentRole, max_length=16)
    position = fields.IntField(default=0)
    due_date = fields.DateField(null=True)
    version = fields.IntField(default=1)  # bumped by each edit (due date)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "assignment"
        unique_together = (("task", "unit", "role"),)


class Target(Model):
    """A quantitative target of a task: metric, comparator, threshold, unit of measure, baseline."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="targets", on_delete=fields.CASCADE
    )
    task_id: int
    position = fields.IntField()
    metric = fields.TextField()
    comparator = fields.CharEnumField(Comparator, max_length=16)
    threshold = StoredDecimalField(max_digits=20, decimal_places=4, null=True)
    unit_of_measure = fields.CharField(max_length=16, null=True)
    baseline_year = fields.IntField(null=True)
    text = fields.TextField()
    scope = fields.CharEnumField(TargetScope, max_length=16, default=TargetScope.EACH_UNIT)
    version = fields.IntField(default=1)  # the office's scope and shares; for expectedVersion

    class Meta:
        table = "target"
        unique_together = (("task", "position"),)


class TargetShare(Model):
    """A unit's share of an allocated quota (分解到各单位的指导性计划), set by the office."""

    id = fields.IntField(primary_key=True)
    target: fields.ForeignKeyRelation[Target] = fields.ForeignKeyField(
        "models.Target", related_name="shares", on_delete=fields.CASCADE
    )
    target_id: int
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="target_shares", on_delete=fields.RESTRICT
    )
    unit_id: int
    share = fields.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        table = "target_share"
        unique_together = (("target", "unit"),)
