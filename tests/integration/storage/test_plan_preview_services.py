"""Previewing a notice file's import, then storing exactly that preview (its token), on both
backends: the corpus notices, new units, a changed file or directory, a refused file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tests.support.notice_files import FIXTURES, notice_bytes
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Invalid
from tongnan.domain.common.values import AssignmentRole, Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import Assignment, AuditEvent, Task, Unit, WorkPlan
from tongnan.domain.parsing import PlanParseError
from tongnan.domain.plans import apply_plan_import, preview_plan_import

OPERATOR = Actor(name="cli:test", role=Role.OFFICE_ADMIN)
DIRECTORY = parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))
NOW = dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.UTC)


async def test_the_bundled_notice_previews_with_no_new_unit_and_imports(db: DatabaseUrl) -> None:
    content = PLAN_FILE.read_bytes()
    preview = await preview_plan_import(OPERATOR, PLAN_FILE.name, content, directory=DIRECTORY)
    assert preview.new_units == ()
    assert len(preview.plan.tasks) == 22
    assert any(
        line.startswith("  (二) 提高精准帮扶质效；牵头：区农业农村委") for line in preview.lines()
    )
    result = await apply_plan_import(
        OPERATOR, PLAN_FILE.name, content, preview.token, NOW, directory=DIRECTORY
    )
    assert result.created
    assert await Task.all().count() == 22
    audit_events = await AuditEvent.all().count()
    again = await preview_plan_import(OPERATOR, PLAN_FILE.name, content, directory=DIRECTORY)
    assert again.token == preview.token and again.replaces_existing
    second = await apply_plan_import(
        OPERATOR, PLAN_FILE.name, content, again.token, NOW, directory=DIRECTORY
    )
    assert second.changes == []
    assert await AuditEvent.all().count() == audit_events


async def test_new_units_are_named_with_their_line_and_created_only_when_asked(
    db: DatabaseUrl, tmp_path: Path
) -> None:
    name = "08-reform-ledger.xlsx"
    content = notice_bytes(name, tmp_path)
    preview = await preview_plan_import(
        OPERATOR, name, content, code="潼农改〔2025〕2号", directory=DIRECTORY
    )
    new = {u.name: u for u in preview.new_units}
    assert set(new) == {"区规划自然资源局"}
    assert new["区规划自然资源局"].line == 4
    with pytest.raises(Invalid, match="不在单位名录里"):
        await apply_plan_import(
            OPERATOR,
            name,
            content,
            preview.token,
            NOW,
            code="潼农改〔2025〕2号",
            directory=DIRECTORY,
        )
    assert await WorkPlan.all().count() == 0
    result = await apply_plan_import(
        OPERATOR,
        name,
        content,
        preview.token,
        NOW,
        code="潼农改〔2025〕2号",
        create_units=True,
        directory=DIRECTORY,
    )
    assert sorted(result.unlisted_units) == sorted(new)
    assert not (await Unit.get(name="区规划自然资源局")).listed
    plan = await WorkPlan.get(code="潼农改〔2025〕2号")
    assert plan.issued_on == dt.date(2025, 7, 1)  # no date in the sheet: the import day
    tasks = await Task.filter(plan_id=plan.id).order_by("number")
    assert [(t.label, t.path, t.leaders, t.deadline_kind, t.due_date) for t in tasks] == [
        ("1", ["农村集体产权制度改革"], ["王建国"], "DATE", dt.date(2025, 9, 30)),
        ("2", ["农村集体产权制度改革"], ["王建国"], "ONGOING", None),
        ("3", ["农村宅基地管理"], ["刘志强", "陈静"], "RECURRING", None),
        ("4", ["农村宅基地管理"], [], "DATE", dt.date(2025, 12, 31)),
    ]
    assert tasks[1].units_open_ended
    assignments = await Assignment.filter(task_id=tasks[3].id)
    assert [a.role for a in assignments] == [AssignmentRole.RESPONSIBLE]


async def test_a_file_or_directory_changed_since_the_preview_is_a_conflict(
    db: DatabaseUrl,
) -> None:
    name = "02-web-page-copy.txt"
    content = (FIXTURES / name).read_bytes()
    preview = await preview_plan_import(OPERATOR, name, content, directory=DIRECTORY)
    changed = content.replace("50个以上".encode(), "60个以上".encode())
    with pytest.raises(Conflict, match="文件在预览之后有改动"):
        await apply_plan_import(OPERATOR, name, changed, preview.token, NOW, directory=DIRECTORY)
    with pytest.raises(Conflict, match="单位名录"):
        await apply_plan_import(
            OPERATOR,
            name,
            content,
            preview.token,
            NOW,
            code="潼商务发〔2025〕8号",
            directory=DIRECTORY,
        )
    assert await WorkPlan.all().count() == 0


async def test_a_due_date_edited_after_import_survives_a_reimport(db: DatabaseUrl) -> None:
    name = "01-red-header-three-levels.txt"
    content = (FIXTURES / name).read_bytes()
    preview = await preview_plan_import(OPERATOR, name, content, directory=DIRECTORY)
    await apply_plan_import(
        OPERATOR, name, content, preview.token, NOW, create_units=True, directory=DIRECTORY
    )
    task = await Task.get(number=1)
    assert task.due_date == dt.date(2025, 10, 31)
    task.due_date = dt.date(2025, 11, 15)
    await task.save()
    again = await preview_plan_import(OPERATOR, name, content, directory=DIRECTORY)
    await apply_plan_import(
        OPERATOR, name, content, again.token, NOW, create_units=True, directory=DIRECTORY
    )
    assert (await Task.get(number=1)).due_date == dt.date(2025, 11, 15)


async def test_a_bad_file_stores_nothing(db: DatabaseUrl) -> None:
    bad = "一、稳定就业\n(一)稳定务工规模。\n(三)提升质量。(牵头单位:区人力社保局)\n".encode()
    with pytest.raises(PlanParseError) as caught:
        await preview_plan_import(OPERATOR, "坏.txt", bad)
    assert [p.line for p in caught.value.problems] == [2, 3]
    assert await WorkPlan.all().count() == 0
