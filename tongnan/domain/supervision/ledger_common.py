"""Shared by the supervision and rectification use cases: names, persons, tasks, versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.models import Model

from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.common.values import UnitKind
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import Task, Unit, UnitAlias, WorkPlan

M = TypeVar("M", bound=Model)
MAX_TEXT = 20_000
# what a clerk calls each versioned row, in messages
_THING = {"Supervision": "督查", "Finding": "督查问题", "RectificationItem": "整改事项"}


@dataclass(frozen=True, slots=True)
class Person:
    """A responsible person or team member: name and post (职务)."""

    name: str
    post: str = ""

    def record(self) -> dict[str, str]:
        return {"name": self.name, "post": self.post}


def person_records(persons: Sequence[Person], field: tuple[str, ...]) -> list[dict[str, str]]:
    out = []
    for index, person in enumerate(persons):
        if not person.name.strip():
            raise Invalid("请填写责任人的姓名", (*field, str(index), "name"))
        out.append(Person(person.name.strip(), person.post.strip()).record())
    return out


def text(value: str, field: tuple[str, ...], what: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise Invalid(f"请填写{what}", field)
    if len(value) > MAX_TEXT:
        raise Invalid(f"{what}最多填写{MAX_TEXT}字，请精简", field)
    return value


async def units_by_name() -> dict[str, Unit]:
    """Every unit under its name and its aliases (two queries)."""
    units = await Unit.all()
    by_id = {u.id: u for u in units}
    names = {u.name: u for u in units}
    for alias in await UnitAlias.all():
        names.setdefault(alias.alias, by_id[alias.unit_id])
    return names


async def resolve_units(names: Sequence[str], field: tuple[str, ...]) -> list[Unit]:
    """The named concrete units, in the order given, each once."""
    if not names:
        return []
    known = await units_by_name()
    out: dict[int, Unit] = {}
    for index, name in enumerate(names):
        unit = known.get(name.strip())
        if unit is None:
            raise NotFound(unknown_unit_message(name, known), (*field, str(index)))
        if unit.kind is UnitKind.GROUP:
            raise Invalid(f"{unit.name}是单位组，请逐一写明其中的具体单位", (*field, str(index)))
        out.setdefault(unit.id, unit)
    return list(out.values())


async def check_tasks(plan: WorkPlan, numbers: Sequence[int], field: tuple[str, ...]) -> list[int]:
    """The task numbers, each once and in order, all of them tasks of ``plan``."""
    if not numbers:
        return []
    have = {t.number for t in await Task.filter(plan_id=plan.id).only("id", "number")}
    for index, number in enumerate(numbers):
        if number not in have:
            raise NotFound(f"工作方案{plan.code}中没有第{number}项任务", (*field, str(index)))
    return sorted(set(numbers))


async def get_row(model: type[M], key: int, field: tuple[str, ...]) -> M:
    row = await model.get_or_none(id=key)
    if row is None:
        raise NotFound(f"找不到第{key}号{_THING.get(model.__name__, '记录')}，请刷新后重试", field)
    return row


async def save_versioned(
    model: type[M], row: M, expected_version: int, changes: dict[str, Any]
) -> M:
    """Write ``changes`` only if the row is still at ``expected_version``; bump its version."""
    current = int(row.version)  # type: ignore[attr-defined]
    now = changes.get("updated_at")
    await check_version(model.__name__, row.pk, current, expected_version, now)
    updated = await model.filter(id=row.pk, version=current).update(version=current + 1, **changes)
    if updated != 1:
        raise await changed_meanwhile(model.__name__, row.pk, now)
    for name, value in changes.items():
        setattr(row, name, value)
    row.version = current + 1
    return row
