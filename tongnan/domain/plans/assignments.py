"""Use cases: assign a unit to a task, remove an assignment, set a task's due date."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.lookup import current_plan, find_task, find_unit
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import AssignmentRole
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import Assignment, Task


async def assign_task(
    actor: Actor,
    task_number: int,
    unit_name: str,
    role: AssignmentRole,
    due_date: dt.date | None = None,
    plan_code: str | None = None,
    *,
    expected_version: int = 0,
    now: dt.datetime | None = None,
) -> Assignment:
    """Add ``unit`` to the task in ``role`` (after those already there). Idempotent: assigning
    an existing assignment again changes only its due date, if one is given, and that edit
    needs the assignment's version as read (``expected_version``; 0: not assigned yet)."""
    require(actor, "task.assign")
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        task = await find_task(plan, task_number)
        unit = await find_unit(unit_name)
        existing = await Assignment.get_or_none(task_id=task.id, unit_id=unit.id, role=role)
        if existing is not None:
            if due_date is not None and existing.due_date != due_date:
                current = existing.version
                await check_version("Assignment", existing.id, current, expected_version, now)
                before = {"due_date": existing.due_date, "version": current}
                written = await Assignment.filter(id=existing.id, version=current).update(
                    due_date=due_date, version=current + 1
                )
                if written != 1:
                    raise await changed_meanwhile("Assignment", existing.id, now)
                existing.due_date, existing.version = due_date, current + 1
                await audit.record(
                    actor,
                    "assignment.updated",
                    "Assignment",
                    existing.id,
                    before,
                    {"due_date": due_date, "version": existing.version},
                    now=now,
                )
                uow.changed("assignment", plan.id)
            return existing
        position = await Assignment.filter(task_id=task.id, role=role).count()
        assignment = await Assignment.create(
            task_id=task.id, unit_id=unit.id, role=role, position=position, due_date=due_date
        )
        await audit.record(
            actor,
            "assignment.created",
            "Assignment",
            assignment.id,
            None,
            {
                "plan": plan.code,
                "task": task.number,
                "unit": unit.name,
                "role": role,
                "due_date": due_date,
            },
            now=now,
        )
        uow.changed("assignment", plan.id)
        return assignment


async def unassign_task(
    actor: Actor,
    task_number: int,
    unit_name: str,
    role: AssignmentRole,
    plan_code: str | None = None,
    *,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Task:
    """Remove the unit's ``role`` on the task; the others keep their order. With
    ``expected_version`` (the assignment's version as read) a changed assignment is refused."""
    require(actor, "task.unassign")
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        task = await find_task(plan, task_number)
        unit = await find_unit(unit_name)
        assignment = await Assignment.get_or_none(task_id=task.id, unit_id=unit.id, role=role)
        if assignment is None:
            raise NotFound(
                f"{unit.name}不是工作方案{plan.code}第{task.number}项任务的"
                f"{'牵头单位' if role is AssignmentRole.LEAD else '责任单位'}",
                ("unitName",),
            )
        if expected_version is not None:
            await check_version(
                "Assignment", assignment.id, assignment.version, expected_version, now
            )
        deleted = await Assignment.filter(id=assignment.id, version=assignment.version).delete()
        if deleted != 1:
            raise await changed_meanwhile("Assignment", assignment.id, now)
        for position, rest in enumerate(
            await Assignment.filter(task_id=task.id, role=role).order_by("position", "id")
        ):
            if rest.position != position:
                rest.position = position
                await rest.save(update_fields=["position"])
        await audit.record(
            actor,
            "assignment.deleted",
            "Assignment",
            assignment.id,
            {"plan": plan.code, "task": task.number, "unit": unit.name, "role": role},
            None,
            now=now,
        )
        uow.changed("assignment", plan.id)
        return task


async def set_task_due_date(
    actor: Actor,
    task_number: int,
    due_date: dt.date | None,
    plan_code: str | None = None,
    *,
    expected_version: int,
    now: dt.datetime | None = None,
) -> Task:
    """Set (or clear) a task's due date; ``expected_version`` is the task's version last read."""
    require(actor, "task.set_due_date")
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        task = await find_task(plan, task_number)
        await check_version("Task", task.id, task.version, expected_version, now)
        if task.due_date != due_date:
            before = {"due_date": task.due_date, "version": task.version}
            written = await Task.filter(id=task.id, version=task.version).update(
                due_date=due_date, version=task.version + 1
            )
            if written != 1:
                raise await changed_meanwhile("Task", task.id, now)
            task.due_date, task.version = due_date, task.version + 1
            await audit.record(
                actor,
                "task.updated",
                "Task",
                task.id,
                before,
                {"due_date": due_date, "version": task.version},
                now=now,
            )
            uow.changed("task", plan.id)
        return task
