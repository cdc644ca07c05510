"""Use cases: create and update a supervision (督查), a spot check drawing its units by lot.

Who has duties (the draw's pool) is the responsibility matrix's answer: the outer layers pass
the candidates in, so the domain never expands groups itself.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Supervision
from tongnan.domain.models.supervision import SupervisionKind
from tongnan.domain.rules.sampling import Candidate, DrawError, draw, draw_record
from tongnan.domain.supervision.ledger_common import (
    Person,
    check_tasks,
    get_row,
    person_records,
    resolve_units,
    save_versioned,
    text,
)


@dataclass(frozen=True, slots=True)
class DrawRequest:
    """Pick ``count`` units at random from ``candidates`` (the units with duties)."""

    candidates: tuple[Candidate, ...]
    count: int
    seed: str | None = None  # None: the server chooses one at random (and records it)


@dataclass(frozen=True, slots=True)
class SupervisionDraft:
    kind: SupervisionKind
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    team: tuple[Person, ...] = ()
    unit_names: tuple[str, ...] = ()
    task_numbers: tuple[int, ...] = ()
    notes: str = ""
    draw: DrawRequest | None = None


@dataclass(frozen=True, slots=True)
class SupervisionChanges:
    """What an update changes; None leaves a field as it is."""

    title: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    team: tuple[Person, ...] | None = None
    notes: str | None = None


def _dates(starts_on: dt.date, ends_on: dt.date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise Invalid("督查结束日期不能早于开始日期", ("endsOn",))


def state(row: Supervision) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "title": row.title,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "team": row.team,
        "task_numbers": row.task_numbers,
        "unit_ids": row.unit_ids,
        "notes": row.notes,
        "draw": row.draw,
        "version": row.version,
    }


async def create_supervision(
    actor: Actor, draft: SupervisionDraft, now: dt.datetime, plan_code: str | None = None
) -> Supervision:
    """Record a supervision; a SPOT_CHECK may draw its units (seeded, reproducible)."""
    require(actor, "supervision.create")
    title = text(draft.title, ("title",), "督查名称")
    _dates(draft.starts_on, draft.ends_on)
    team = person_records(draft.team, ("team",))
    async with UnitOfWork() as uow:
        plan = await current_plan(plan_code)
        tasks = await check_tasks(plan, draft.task_numbers, ("taskNumbers",))
        units = await resolve_units(draft.unit_names, ("unitNames",))
        unit_ids = [u.id for u in units]
        record = None
        if draft.draw is not None:
            if draft.kind is not SupervisionKind.SPOT_CHECK:
                raise Invalid("只有随机抽查暗访才抽签确定被查单位", ("draw",))
            if units:
                raise Invalid("被查单位要么直接列出，要么抽签确定，不能两样都填", ("unitNames",))
            seed = draft.draw.seed if draft.draw.seed is not None else secrets.token_hex(8)
            try:
                result = draw(seed, draft.draw.candidates, draft.draw.count)
            except DrawError as error:
                raise Invalid(str(error), ("draw",)) from None
            record = draw_record(result)
            unit_ids = [c.id for c in result.picked]
        row = await Supervision.create(
            plan_id=plan.id,
            kind=draft.kind,
            title=title,
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
            team=team,
            task_numbers=tasks,
            unit_ids=unit_ids,
            notes=text(draft.notes, ("notes",), "备注", required=False),
            draw=record,
            created_by=actor.name,
            version=1,
            created_at=now,
            updated_at=now,
        )
        await audit.record(
            actor, "supervision.created", "Supervision", row.id, None, state(row), now=now
        )
        uow.changed("supervision", plan.id)
        return row


async def update_supervision(
    actor: Actor,
    supervision_id: int,
    expected_version: int,
    changes: SupervisionChanges,
    now: dt.datetime,
) -> Supervision:
    """Change title, dates, team or notes (the units and the draw stay as recorded)."""
    require(actor, "supervision.update")
    async with UnitOfWork() as uow:
        row = await get_row(Supervision, supervision_id, ("id",))
        before = state(row)
        values: dict[str, Any] = {}
        if changes.title is not None:
            values["title"] = text(changes.title, ("title",), "督查名称")
        if changes.starts_on is not None:
            values["starts_on"] = changes.starts_on
        if changes.ends_on is not None:
            values["ends_on"] = changes.ends_on
        if changes.team is not None:
            values["team"] = person_records(changes.team, ("team",))
        if changes.notes is not None:
            values["notes"] = text(changes.notes, ("notes",), "备注", required=False)
        _dates(values.get("starts_on", row.starts_on), values.get("ends_on", row.ends_on))
        row = await save_versioned(
            Supervision, row, expected_version, {**values, "updated_at": now}
        )
        await audit.record(
            actor, "supervision.updated", "Supervision", row.id, before, state(row), now=now
        )
        uow.changed("supervision", row.plan_id)
        return row
