"""Units (单位): departments, towns, subdistricts, the office, and groups with their members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from tongnan.domain.common.values import Membership, UnitKind

if TYPE_CHECKING:
    from tongnan.domain.models.plans import Task


class Unit(Model):
    """A unit of the district's directory, or a unit first named by an imported plan."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128, unique=True)
    short_name = fields.CharField(max_length=64, null=True)
    kind = fields.CharEnumField(UnitKind, max_length=16)
    membership = fields.CharEnumField(Membership, max_length=16, default=Membership.NONE)
    members_set = fields.BooleanField(default=False)
    version = fields.IntField(default=1)  # bumped by each edit of a group's members
    parent: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    parent_id: int | None
    listed = fields.BooleanField(default=True)
    position = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "unit"

    def __str__(self) -> str:
        return self.name


class UnitAlias(Model):
    """Another name a notice may use for a unit (e.g. the full name of 区农业农村委)."""

    id = fields.IntField(primary_key=True)
    alias = fields.CharField(max_length=128, unique=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="aliases", on_delete=fields.CASCADE
    )
    unit_id: int

    class Meta:
        table = "unit_alias"


class GroupMember(Model):
    """A member of a group; ``task`` is set for members chosen for one task (相关镇街)."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="member_links", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="group_links", on_delete=fields.CASCADE
    )
    task: fields.ForeignKeyNullableRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="scoped_members", null=True, on_delete=fields.CASCADE
    )
    group_id: int
    member_id: int
    task_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "group_member"
        unique_together = (("group", "member", "task"),)
