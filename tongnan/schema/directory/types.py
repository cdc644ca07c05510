"""``Unit``: a department, town, subdistrict, the office, or a group with its members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from tongnan.domain import models
from tongnan.domain.common.values import AssignmentRole, Membership
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import AssignmentRoleEnum, UnitKindEnum, WarningLevelEnum
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.directory.enums import MembershipEnum

if TYPE_CHECKING:
    from tongnan.schema.plans.types import Assignment, Task


@strawberry.type(description="单位:部门、镇街、专班办公室或集体单位 / A unit of the district.")
class Unit(Node):
    name: str = strawberry.field(description="单位名称 / name as plans write it")
    short_name: str | None = strawberry.field(description="简称 / short name")
    kind: UnitKindEnum  # type: ignore[valid-type]
    membership: MembershipEnum  # type: ignore[valid-type]
    members_set: bool = strawberry.field(
        description="固定成员是否已由专班办公室确定(按任务确定者见 membersSetFor)/ whether "
        "the office has set this group's fixed members (per-task groups: membersSetFor)"
    )
    listed: bool = strawberry.field(
        description="是否在单位名录中 / false when only a plan named it"
    )
    _bundle: strawberry.Private[PlanBundle]
    _unit: strawberry.Private[models.Unit]

    @classmethod
    def of(cls, bundle: PlanBundle, unit: models.Unit) -> Unit:
        """The unit as the API shows it, built once per plan bundle (see ``remembered``)."""
        return bundle.remembered("Unit", unit, lambda: cls._build(bundle, unit))

    @classmethod
    def _build(cls, bundle: PlanBundle, unit: models.Unit) -> Unit:
        return cls(
            id=strawberry.ID(to_global_id("Unit", unit.id)),
            name=unit.name,
            short_name=unit.short_name,
            kind=unit.kind,
            membership=unit.membership,
            members_set=unit.members_set,
            listed=unit.listed,
            _bundle=bundle,
            _unit=unit,
        )

    @strawberry.field(
        description="成员;按任务确定的集体需给出 taskNumber / members (give taskNumber for a "
        "group chosen per task)"
    )
    def members(self, task_number: int | None = None) -> list[Unit]:
        if task_number is None:  # the fixed members: the same list until the plan changes
            return self._bundle.remembered("UnitMembers", self._unit, lambda: self._members(None))
        return self._members(task_number)

    def _members(self, task_number: int | None) -> list[Unit]:
        view = self._bundle.view
        task = view.tasks_by_number.get(task_number) if task_number is not None else None
        task_id = task.id if task is not None else None
        return [
            Unit.of(self._bundle, view.units_by_id[link.member_id])
            for link in view.members_of.get(self._unit.id, ())
            if link.task_id is None or link.task_id == task_id
        ]

    @strawberry.field(description="每次修改加一,用于 expectedVersion / edit counter")
    def version(self) -> int:
        return int(self._unit.version)

    @strawberry.field(
        description="就某任务成员是否已确定:按任务确定的集体看该任务,固定成员的集体同 membersSet,"
        "由数据得出的集体恒为是 / whether this group's members are set for the task"
    )
    def members_set_for(self, task_number: int) -> bool:
        unit = self._unit
        if unit.membership is Membership.DERIVED:
            return True
        if unit.membership is Membership.STATIC:
            return unit.members_set
        task = self._bundle.view.tasks_by_number.get(task_number)
        return task is not None and any(
            link.task_id == task.id for link in self._bundle.view.members_of.get(unit.id, ())
        )

    @strawberry.field(description="本单位最严重的预警 / the unit's worst warning in open rounds")
    async def warning_level(self, info: Info) -> WarningLevelEnum | None:  # type: ignore[valid-type]
        context = info.context
        scope = await context.read_scope(self._bundle)
        if not scope.sees_colours:
            return None
        return scope.view.worst(context.today(), context.warning_policy, unit_id=self._unit.id)

    @strawberry.field(description="所属集体单位 / the groups this unit belongs to")
    def groups(self) -> list[Unit]:
        view = self._bundle.view
        seen: dict[int, None] = {}
        for link in view.groups_of.get(self._unit.id, ()):
            seen.setdefault(link.group_id)
        return [Unit.of(self._bundle, view.units_by_id[group_id]) for group_id in seen]

    @strawberry.field(description="本单位在计划中被直接点名的分工 / tasks that name this unit")
    def assignments(
        self,
        role: AssignmentRoleEnum | None = None,  # type: ignore[valid-type]
    ) -> list[Annotated[Assignment, strawberry.lazy("tongnan.schema.plans.types")]]:
        from tongnan.schema.plans.types import Assignment

        return [
            Assignment.of(self._bundle, a)
            for a in self._bundle.view.assignments_of_unit.get(self._unit.id, ())
            if role is None or a.role is role
        ]

    @strawberry.field(
        description="本单位牵头或负责的全部任务(含经由集体单位)/ every task this unit leads or "
        "is responsible for, directly or through a group"
    )
    def duties(self) -> list[Duty]:
        graph = self._bundle.graph
        if not graph.has_unit(self._unit.id):
            return []
        from tongnan.schema.plans.types import Task

        view = self._bundle.view
        return [
            Duty(
                task=Task.of(self._bundle, view.tasks_by_id[d.task.id]),
                role=d.role,
                direct=d.direct,
                via=list(d.via),
            )
            for d in graph.duties_of(self._unit.id).duties
        ]


@strawberry.type(description="一项职责 / One role a unit holds on one task.")
class Duty:
    task: Annotated[Task, strawberry.lazy("tongnan.schema.plans.types")]
    role: AssignmentRoleEnum  # type: ignore[valid-type]
    direct: bool = strawberry.field(description="在通知中被直接点名 / named in the notice itself")
    via: list[str] = strawberry.field(description="经由的集体单位 / the groups it came through")


__all__ = ["AssignmentRole", "Duty", "Unit"]
