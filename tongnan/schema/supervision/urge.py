"""``UrgeNotice`` (催办通知): to one unit, its overdue items, the date and a sequence number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from tongnan.domain import models
from tongnan.domain.models.supervision import UrgedKind
from tongnan.domain.supervision.urging import OverdueEntry
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.directory.types import Unit
from tongnan.schema.supervision.enums import UrgedKindEnum
from tongnan.schema.supervision.store import Store

REF_TYPES = {UrgedKind.RECTIFICATION: "RectificationItem", UrgedKind.REPORT: "Obligation"}


@strawberry.type(description="催办事项:内容、时限、逾期天数 / One overdue thing in a notice.")
class UrgedItem:
    kind: UrgedKindEnum  # type: ignore[valid-type]
    ref_id: strawberry.ID = strawberry.field(
        description="整改事项或报送义务的全局标识 / the item's (or report duty's) global id"
    )
    text: str = strawberry.field(description="事项内容 / what is overdue")
    due_date: dt.date = strawberry.field(description="时限 / due date")
    days_overdue: int = strawberry.field(description="逾期天数 / days overdue")

    @classmethod
    def of(cls, entry: OverdueEntry) -> UrgedItem:
        return cls(
            kind=entry.kind,
            ref_id=strawberry.ID(to_global_id(REF_TYPES[entry.kind], entry.ref_id)),
            text=entry.text,
            due_date=entry.due_date,
            days_overdue=entry.days_overdue,
        )

    @classmethod
    def stored(cls, record: dict[str, Any]) -> UrgedItem:
        kind = UrgedKind(record["kind"])
        return cls.of(
            OverdueEntry(
                kind,
                int(record["ref_id"]),
                str(record["text"]),
                dt.date.fromisoformat(str(record["due_date"])),
                int(record["days_overdue"]),
            )
        )


@strawberry.type(
    description="催办通知:发往一个单位,列明逾期事项;由公文模块排版 / An urge notice to one "
    "unit about its overdue items (the official-documents work renders it)."
)
class UrgeNotice(Node):
    sequence: int = strawberry.field(description="顺序号(本计划内)/ sequence number in the plan")
    issued_on: dt.date = strawberry.field(description="发出日期 / date of issue")
    issued_by: str
    created_at: dt.datetime
    items: list[UrgedItem] = strawberry.field(description="逾期事项 / the overdue items")
    _store: strawberry.Private[Store]
    _row: strawberry.Private[models.UrgeNotice]

    @classmethod
    def of(cls, store: Store, row: models.UrgeNotice) -> UrgeNotice:
        return cls(
            id=strawberry.ID(to_global_id("UrgeNotice", row.id)),
            sequence=row.sequence,
            issued_on=row.issued_on,
            issued_by=row.issued_by,
            created_at=row.created_at,
            items=[UrgedItem.stored(record) for record in row.items],
            _store=store,
            _row=row,
        )

    @strawberry.field(description="被催办单位 / the unit urged")
    def unit(self) -> Unit:
        view = self._store.bundle.view
        return Unit.of(self._store.bundle, view.units_by_id[self._row.unit_id])


@strawberry.type(description="单位被催办次数 / How often a unit has been urged.")
class UnitUrgeCount:
    unit: Unit
    count: int
    last_issued_on: dt.date
