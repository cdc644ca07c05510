"""Shared by the supervision and rectification use cases: names, persons, tasks, versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.models import Model

from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.values import UnitKind
from tongnan.domain.models import Task, Unit, UnitAlias, WorkPlan

M = TypeVar("M", bound=Model)
MAX_TEXT = 20_000


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
            raise Invalid("a person needs a name", (*field, str(index), "name"))
        out.append(Person(person.name.strip(), person.post.strip()).record())
    return out


def text(value: str, field: tuple[str, ...], what: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise Invalid(f"{what} must not be empty", field)
    if len(value) > MAX_TEXT:
        raise Invalid(f"{what} holds at most {MAX_TEXT} characters", field)
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
            raise NotFound(f"unknown unit {name!r}", (*field, str(index)))
        if unit.kind is UnitKind.GROUP:
            raise Invalid(f"{unit.name} is a group: name its member units", (*field, str(index)))
        out.setdefault(unit.id, unit)
    return list(out.values())


async def check_tasks(plan: WorkPlan, numbers: Sequence[int], field: tuple[str, ...]) -> list[int]:
    """The task numbers, each once and in order, all of them tasks of ``plan``."""
    if not numbers:
        return []
    have = {t.number for t in await Task.filter(plan_id=plan.id).only("id", "number")}
    for index, number in enumerate(numbers):
        if number not in have:
            raise NotFound(f"plan {plan.code} has no task number {number}", (*field, str(index)))
    return sorted(set(numbers))


async def get_row(model: type[M], key: int, field: tuple[str, ...]) -> M:
    row = await model.get_or_none(id=key)
    if row is None:
        raise NotFound(f"no {model.__name__} with id {key}", field)
    return row


async def save_versioned(
    model: type[M], row: M, expected_version: int, changes: dict[str, Any]
) -> M:
    """Write ``changes`` only if the row is still at ``expected_version``; bump its version."""
    current = int(row.version)  # type: ignore[attr-defined]
    if current != expected_version:
        raise Conflict(
            f"the {model.__name__} is at version {current}, not {expected_version}: "
            "someone changed it since you read it",
            ("expectedVersion",),
        )
    updated = await model.filter(id=row.pk, version=current).update(version=current + 1, **changes)
    if updated != 1:
        raise Conflict(
            f"the {model.__name__} changed while this request ran; read it again",
            ("expectedVersion",),
        )
    for name, value in changes.items():
        setattr(row, name, value)
    row.version = current + 1
    return row
