"""Inputs shared by the supervision mutations."""

from __future__ import annotations

import strawberry

from tongnan.domain.supervision.ledger_common import Person


@strawberry.input(description="人员:姓名与职务 / A person: name and post.")
class PersonInput:
    name: str
    post: str = ""


def persons(given: list[PersonInput] | None) -> tuple[Person, ...]:
    return tuple(Person(p.name, p.post) for p in given or ())


def optional_persons(given: list[PersonInput] | None) -> tuple[Person, ...] | None:
    return None if given is None else persons(given)
