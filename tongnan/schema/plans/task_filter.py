"""``TaskFilter``: choose tasks by section, lead or responsible unit (groups expanded), text."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.models import Task
from tongnan.schema.common.plan_cache import PlanBundle


@strawberry.input(description="任务筛选条件,全部满足 / Task filter; every given condition holds.")
class TaskFilter:
    section: int | None = strawberry.field(default=None, description="部分序号 1–7")
    lead_unit: str | None = strawberry.field(
        default=None, description="牵头单位(含经由集体)/ leads it, directly or via a group"
    )
    responsible_unit: str | None = strawberry.field(
        default=None,
        description="责任单位(集体展开:双江镇 匹配 各镇街 的任务)/ responsible, groups expanded",
    )
    text: str | None = strawberry.field(
        default=None, description="标题或正文包含 / in title or body"
    )


def _tasks_of(bundle: PlanBundle, unit_name: str, role: AssignmentRole, field: str) -> set[int]:
    unit = bundle.view.units_by_name.get(unit_name)
    if unit is None:
        known = bundle.view.units_by_name
        raise GraphQLError(unknown_unit_message(unit_name, known, on=f"filter.{field}"))
    graph = bundle.graph
    if not graph.has_unit(unit.id):
        return set()
    return {d.task.id for d in graph.duties_of(unit.id).duties if d.role is role}


def filter_tasks(bundle: PlanBundle, where: TaskFilter | None) -> list[Task]:
    tasks = bundle.view.tasks
    if where is None:
        return list(tasks)
    if where.section is not None:
        section_ids = {s.id for s in bundle.view.sections if s.number == where.section}
        tasks = [t for t in tasks if t.section_id in section_ids]
    if where.lead_unit is not None:
        ids = _tasks_of(bundle, where.lead_unit, AssignmentRole.LEAD, "leadUnit")
        tasks = [t for t in tasks if t.id in ids]
    if where.responsible_unit is not None:
        ids = _tasks_of(
            bundle, where.responsible_unit, AssignmentRole.RESPONSIBLE, "responsibleUnit"
        )
        tasks = [t for t in tasks if t.id in ids]
    if where.text:
        needle = where.text
        tasks = [t for t in tasks if needle in t.title or needle in t.body]
    return list(tasks)
