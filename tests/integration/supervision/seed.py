"""The bundled plan imported, actors of each kind, and a few helpers for the supervision tests."""

from __future__ import annotations

import datetime as dt

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import Unit
from tongnan.domain.models.supervision import FindingSource
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.plan_import import import_plan
from tongnan.domain.plans.plan_snapshot_loader import load_snapshot
from tongnan.domain.rules.sampling import Candidate
from tongnan.domain.supervision.findings import FindingDraft
from tongnan.domain.supervision.rectification import ItemDraft
from tongnan.responsibility_matrix import ResponsibilityGraph

OFFICE = Actor(name="office", role=Role.OFFICE_ADMIN)
SUPERVISOR = Actor(name="supervisor", role=Role.SUPERVISOR)
VIEWER = Actor(name="viewer", role=Role.VIEWER)
NOW = dt.datetime(2025, 7, 1, 2, 0, tzinfo=dt.UTC)  # 10:00 in 潼南
FOUND = dt.date(2025, 6, 28)


async def import_seed() -> None:
    await import_plan(
        parse_notice(PLAN_FILE.read_text(encoding="utf-8")),
        OFFICE,
        parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8")),
    )


async def reporter(unit_name: str) -> Actor:
    unit = await Unit.get(name=unit_name)
    return Actor(
        name=f"reporter-{unit_name}", role=Role.UNIT_REPORTER, unit_id=unit.id, unit_name=unit.name
    )


async def town_candidates(task_number: int = 19) -> tuple[Candidate, ...]:
    """The towns with a duty on the task, as the schema layer computes them."""
    graph = ResponsibilityGraph(await load_snapshot())
    answer = graph.responsible_for(task_number)
    return tuple(
        Candidate(r.unit.id, r.unit.name)
        for r in answer.lead_units + answer.responsible_units
        if r.unit.id is not None and r.unit.kind is UnitKind.TOWN
    )


def item(unit: str, deadline: dt.date, measures: str = "建立台账,逐户核查") -> ItemDraft:
    return ItemDraft(measures=measures, deadline=deadline, responsible_unit_name=unit)


def finding(
    *items: ItemDraft,
    source: FindingSource = FindingSource.DISTRICT_SUPERVISION,
    description: str = "部分脱贫户收入监测数据不准确",
    **extra: object,
) -> FindingDraft:
    return FindingDraft(
        description=description,
        source=source,
        found_on=FOUND,
        task_numbers=(20,),
        items=items,
        **extra,  # type: ignore[arg-type]
    )
