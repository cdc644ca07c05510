"""Importing the bundled notice on both backends: first import, re-import, corrected re-import."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.values import AssignmentRole, Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import Assignment, AuditEvent, Section, Target, Task, Unit, WorkPlan
from tongnan.domain.parsing import ParsedPlan, parse_notice
from tongnan.domain.plans.plan_import import import_plan

OPERATOR = Actor(name="cli:test", role=Role.OFFICE_ADMIN)
DIRECTORY = parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))
TEXT = PLAN_FILE.read_text(encoding="utf-8")


def parsed(text: str = TEXT) -> ParsedPlan:
    return parse_notice(text)


async def counts() -> dict[str, int]:
    return {
        "plans": await WorkPlan.all().count(),
        "sections": await Section.all().count(),
        "tasks": await Task.all().count(),
        "assignments": await Assignment.all().count(),
        "targets": await Target.all().count(),
        "units": await Unit.all().count(),
        "audit": await AuditEvent.all().count(),
    }


async def test_first_import_stores_the_whole_plan(db: DatabaseUrl) -> None:
    plan = parsed()
    result = await import_plan(plan, OPERATOR, DIRECTORY)

    assert result.created
    assert result.unlisted_units == []
    stored = await WorkPlan.get(code="潼巩固专办发〔2025〕1号")
    assert stored.issued_on.isoformat() == "2025-04-27"
    assert stored.addressees == list(plan.addressees)
    assert await Section.filter(plan_id=stored.id).count() == 7
    tasks = await Task.filter(plan_id=stored.id).order_by("number")
    assert [t.number for t in tasks] == list(range(1, 23))
    for task, expected in zip(tasks, plan.tasks, strict=True):
        assignments = (
            await Assignment.filter(task_id=task.id).prefetch_related("unit").order_by("position")
        )
        leads = [a.unit.name for a in assignments if a.role is AssignmentRole.LEAD]
        responsible = [a.unit.name for a in assignments if a.role is AssignmentRole.RESPONSIBLE]
        assert (task.title, leads, responsible) == (
            expected.title,
            list(expected.lead_units),
            list(expected.responsible_units),
        )
    task7 = await Task.get(plan_id=stored.id, number=7)
    targets = await Target.filter(task_id=task7.id).order_by("position")
    assert [(t.comparator.value, t.threshold, t.unit_of_measure) for t in targets] == [
        ("GE", Decimal("1"), "人"),
        ("GE", Decimal("24000"), "人"),
    ]
    report = await audit.verify_chain()
    assert report.ok
    assert report.events == await AuditEvent.all().count() > 22


async def test_reimport_of_the_same_file_changes_nothing(db: DatabaseUrl) -> None:
    await import_plan(parsed(), OPERATOR, DIRECTORY)
    before = await counts()

    result = await import_plan(parsed(), OPERATOR, DIRECTORY)

    assert not result.created
    assert result.changes == []
    assert await counts() == before


async def test_corrected_file_updates_in_place_and_audits_what_changed(db: DatabaseUrl) -> None:
    await import_plan(parsed(), OPERATOR, DIRECTORY)
    task2 = await Task.get(number=2)
    before = await counts()
    corrected = TEXT.replace("不低于8700元", "不低于9000元").replace(
        "(牵头单位:区工商联、区农业农村委;责任单位:各镇街)",
        "(牵头单位:区工商联;责任单位:各镇街)",
    )

    result = await import_plan(parsed(corrected), OPERATOR, DIRECTORY)

    assert not result.created
    after = await counts()
    assert after["tasks"] == before["tasks"] and after["targets"] == before["targets"]
    assert after["assignments"] == before["assignments"] - 1
    assert (await Task.get(number=2)).id == task2.id  # updated in place, not replaced
    target = await Target.get(task_id=task2.id, position=0)
    assert target.threshold == Decimal("9000")
    events = (
        await AuditEvent.filter(id__gt=0).order_by("-id").limit(after["audit"] - before["audit"])
    )
    actions = sorted(e.action for e in events)
    # task (二)'s body changed; task (十六) lost a lead (the annotation is not part of the body)
    assert actions == ["assignment.deleted", "plan.updated", "target.updated", "task.updated"]
    target_event = next(e for e in events if e.action == "target.updated")
    assert target_event.before == {
        "text": "低收入群体年人均纯收入不低于8700元",
        "threshold": "8700",
    }
    assert target_event.after == {"text": "低收入群体年人均纯收入不低于9000元", "threshold": "9000"}
    assert target_event.actor == "cli:test"
    assert (await audit.verify_chain()).ok


async def test_import_is_refused_for_a_non_office_actor(db: DatabaseUrl) -> None:
    reporter = Actor(name="someone", role=Role.UNIT_REPORTER)
    with pytest.raises(PermissionDenied, match="someone无权导入工作要点"):
        await import_plan(parsed(), reporter, DIRECTORY)
    assert (await counts())["plans"] == 0


async def test_a_failure_midway_leaves_the_database_as_it_was(
    db: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_plan(parsed(), OPERATOR, DIRECTORY)
    before = await counts()
    corrected = parsed(TEXT.replace("不低于8700元", "不低于9000元"))

    async def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Target, "save", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        await import_plan(corrected, OPERATOR, DIRECTORY)

    assert await counts() == before
    assert (await Target.get(task__number=2, position=0)).threshold == Decimal("8700")
