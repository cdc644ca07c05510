"""``Supervision`` (with its spot-check draw) and ``Finding``: what was checked, what was found."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from tongnan.domain import models
from tongnan.domain.models.supervision import KIND_LABELS, SEVERITY_LABELS
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.types import Task
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.enums import (
    FindingSourceEnum,
    SeverityEnum,
    SupervisionKindEnum,
)
from tongnan.schema.supervision.store import Store

if TYPE_CHECKING:
    from tongnan.schema.supervision.items import RectificationItem

ITEMS = "tongnan.schema.supervision.items"


@strawberry.type(description="人员:姓名与职务 / A person: name and post.")
class Person:
    name: str
    post: str = strawberry.field(description="职务 / post, may be empty")

    @classmethod
    def many(cls, records: list[dict[str, str]]) -> list[Person]:
        return [cls(name=r.get("name", ""), post=r.get("post", "")) for r in records]


def units_of(store: Store, unit_ids: list[int]) -> list[Unit]:
    view = store.bundle.view
    return [Unit.of(store.bundle, view.units_by_id[u]) for u in unit_ids if u in view.units_by_id]


def tasks_of(store: Store, numbers: list[int]) -> list[Task]:
    view = store.bundle.view
    return [
        Task.of(store.bundle, view.tasks_by_number[n]) for n in numbers if n in view.tasks_by_number
    ]


@strawberry.type(description="抽签号 / One candidate's ticket in a spot-check draw.")
class DrawTicket:
    unit_name: str
    ticket: str = strawberry.field(
        description="SHA-256(种子 + \\x1f + 单位名称),十六进制;小者中签 / the ticket: lowest win"
    )
    picked: bool
    unit: Unit | None


@strawberry.type(
    description="随机抽取记录:任何人可凭种子复算 / A seeded draw anyone can repeat from the seed."
)
class SpotCheckDraw:
    seed: str
    method: str = strawberry.field(description="抽取方法,如 sha256-rank-v1 / the method")
    count: int
    tickets: list[DrawTicket] = strawberry.field(description="全部候选,按签号排序 / all tickets")

    @classmethod
    def of(cls, store: Store, record: dict[str, Any]) -> SpotCheckDraw:
        picked = set(record.get("picked", []))
        view = store.bundle.view
        return cls(
            seed=str(record["seed"]),
            method=str(record["method"]),
            count=int(record["count"]),
            tickets=[
                DrawTicket(
                    unit_name=str(t["name"]),
                    ticket=str(t["ticket"]),
                    picked=t["unit_id"] in picked,
                    unit=Unit.of(store.bundle, view.units_by_id[t["unit_id"]])
                    if t["unit_id"] in view.units_by_id
                    else None,
                )
                for t in record.get("tickets", [])
            ],
        )


@strawberry.type(description="督查 / A supervision: its kind, what it covers, dates and team.")
class Supervision(Node):
    kind: SupervisionKindEnum  # type: ignore[valid-type]
    kind_label: str = strawberry.field(description="督查方式(中文)/ the kind in Chinese")
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    team: list[Person] = strawberry.field(description="督查组成员 / the team")
    notes: str
    created_by: str
    created_at: dt.datetime
    version: int = strawberry.field(description="每次修改加一 / edit counter (expectedVersion)")
    _store: strawberry.Private[Store]
    _row: strawberry.Private[models.Supervision]

    @classmethod
    def of(cls, store: Store, row: models.Supervision) -> Supervision:
        return cls(
            id=strawberry.ID(to_global_id("Supervision", row.id)),
            kind=row.kind,
            kind_label=KIND_LABELS[row.kind],
            title=row.title,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            team=Person.many(row.team),
            notes=row.notes,
            created_by=row.created_by,
            created_at=row.created_at,
            version=row.version,
            _store=store,
            _row=row,
        )

    @strawberry.field(description="督查对象单位 / the units covered (drawn, for a spot check)")
    def units(self) -> list[Unit]:
        return units_of(self._store, self._row.unit_ids)

    @strawberry.field(description="督查涉及的任务 / the tasks covered")
    def tasks(self) -> list[Task]:
        return tasks_of(self._store, self._row.task_numbers)

    @strawberry.field(description="随机抽取记录(仅抽查暗访)/ the draw of a spot check")
    def draw(self) -> SpotCheckDraw | None:
        return SpotCheckDraw.of(self._store, self._row.draw) if self._row.draw else None

    @strawberry.field(description="本次督查发现的问题 / the findings of this supervision")
    async def findings(self) -> list[Finding]:
        rows = await self._store.loaders.load(loaders.findings_of_supervisions, self._row.id)
        return [Finding.of(self._store, f) for f in rows]


@strawberry.type(description="发现问题 / A problem found, where from, and what it concerns.")
class Finding(Node):
    source: FindingSourceEnum  # type: ignore[valid-type]
    source_name: str = strawberry.field(description="问题来源(台账所列名称)/ the source's name")
    description: str = strawberry.field(description="问题描述 / the problem")
    severity: SeverityEnum  # type: ignore[valid-type]
    severity_label: str
    found_on: dt.date
    created_by: str
    created_at: dt.datetime
    version: int = strawberry.field(description="每次修改加一 / edit counter (expectedVersion)")
    _store: strawberry.Private[Store]
    _row: strawberry.Private[models.Finding]

    @classmethod
    def of(cls, store: Store, row: models.Finding) -> Finding:
        return cls(
            id=strawberry.ID(to_global_id("Finding", row.id)),
            source=row.source,
            source_name=row.source_name,
            description=row.description,
            severity=row.severity,
            severity_label=SEVERITY_LABELS[row.severity],
            found_on=row.found_on,
            created_by=row.created_by,
            created_at=row.created_at,
            version=row.version,
            _store=store,
            _row=row,
        )

    @strawberry.field(description="涉及任务 / the tasks concerned")
    def tasks(self) -> list[Task]:
        return tasks_of(self._store, self._row.task_numbers)

    @strawberry.field(description="涉及单位 / the units concerned")
    def units(self) -> list[Unit]:
        return units_of(self._store, self._row.unit_ids)

    @strawberry.field(description="来源督查(如有)/ the supervision it came from, if any")
    async def supervision(self) -> Supervision | None:
        if self._row.supervision_id is None:
            return None
        row = await self._store.loaders.load(loaders.supervisions, self._row.supervision_id)
        return Supervision.of(self._store, row) if row is not None else None

    @strawberry.field(description="整改事项 / the rectification items it opened")
    async def items(self) -> list[Annotated[RectificationItem, strawberry.lazy(ITEMS)]]:
        from tongnan.schema.supervision.items import RectificationItem

        rows = await self._store.loaders.load(loaders.items_of_findings, self._row.id)
        return [
            RectificationItem.of(self._store, row, self._row)
            for row in rows
            if self._store.reads("rectification.read", row.responsible_unit_id)
        ]
