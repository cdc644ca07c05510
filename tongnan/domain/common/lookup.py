"""Finding stored things by the names people use: plan by code, task by number, unit by name."""

from __future__ import annotations

from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.models import Task, Unit, UnitAlias, WorkPlan


class PlanNotFound(NotFound):
    """No stored plan has this code (or no plan is stored at all)."""


class TaskNotFound(NotFound):
    """The plan has no task with this number."""


class UnknownUnit(NotFound):
    """No unit of the directory has this name or alias."""


async def current_plan(code: str | None = None) -> WorkPlan:
    """The plan with ``code``; without a code, the most recently issued plan."""
    if code is not None:
        plan = await WorkPlan.get_or_none(code=code)
        if plan is None:
            raise PlanNotFound(f"找不到文号为「{code}」的工作方案", ("planCode",))
        return plan
    plan = await WorkPlan.all().order_by("-issued_on", "-id").first()
    if plan is None:
        raise PlanNotFound("还没有导入工作方案，请先导入（tongnan import-plan 文件名）")
    return plan


async def find_task(plan: WorkPlan, number: int) -> Task:
    task = await Task.get_or_none(plan_id=plan.id, number=number)
    if task is None:
        raise TaskNotFound(f"工作方案{plan.code}中没有第{number}项任务", ("taskNumber",))
    return task


async def find_unit(name: str, field: tuple[str, ...] = ("unitName",)) -> Unit:
    """The unit called ``name`` (or with that alias)."""
    unit = await Unit.get_or_none(name=name)
    if unit is None:
        alias = await UnitAlias.get_or_none(alias=name).prefetch_related("unit")
        unit = alias.unit if alias is not None else None
    if unit is None:
        known = [u.name for u in await Unit.all()] + [a.alias for a in await UnitAlias.all()]
        raise UnknownUnit(unknown_unit_message(name, known), field)
    return unit
