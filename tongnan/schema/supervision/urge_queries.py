"""Urge-notice queries: notices issued, counts per unit, and what a unit has overdue now."""

from __future__ import annotations

import datetime as dt

import strawberry
from graphql import GraphQLError
from strawberry.permission import BasePermission

from tongnan.domain.common.permissions import may_read
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.supervision.urging import overdue_of_unit, urge_counts
from tongnan.schema.common.context import Info
from tongnan.schema.common.ids import query_key
from tongnan.schema.common.nodes import finds
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.directory.types import Unit
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.connections import UrgeNoticeConnection, UrgeNoticeEdge, paged
from tongnan.schema.supervision.store import Store, store_for, store_of_plan
from tongnan.schema.supervision.urge import UnitUrgeCount, UrgedItem, UrgeNotice

AUTH: list[type[BasePermission]] = [IsAuthenticated]


def _unit_id(store: Store, name: str) -> int:
    unit = store.bundle.view.units_by_name.get(name)
    if unit is None:
        known = store.bundle.view.units_by_name
        raise GraphQLError(unknown_unit_message(name, known, on="unitName"))
    return unit.id


@finds("UrgeNotice")
async def find_urge_notice(info: Info, key: int) -> UrgeNotice | None:
    row = await info.context.loaders.load(loaders.urge_notices, key)
    if row is None or not may_read(info.context.actor, "urge.read", row.unit_id):
        return None
    return UrgeNotice.of(await store_of_plan(info, row.plan_id), row)


@strawberry.type
class UrgeQuery:
    @strawberry.field(
        description="催办通知(新者在前)/ Urge notices, newest first.", permission_classes=AUTH
    )
    async def urge_notices(
        self,
        info: Info,
        plan_code: str | None = None,
        unit_name: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> UrgeNoticeConnection:
        store = await store_for(info, plan_code)
        rows = await store.loaders.load(loaders.urge_notices_of_plans, store.bundle.view.plan.id)
        if unit_name is not None:
            unit_id = _unit_id(store, unit_name)
            rows = [row for row in rows if row.unit_id == unit_id]
        rows = [n for n in rows if store.reads("urge.read", n.unit_id)]
        edges, page_info = paged(rows, first, after, lambda n: UrgeNotice.of(store, n))
        return UrgeNoticeConnection(
            edges=[UrgeNoticeEdge(cursor=c, node=n) for c, n in edges],
            page_info=page_info,
            total_count=len(rows),
        )

    @strawberry.field(description="一份催办通知 / An urge notice by id.", permission_classes=AUTH)
    async def urge_notice(self, info: Info, id: strawberry.ID) -> UrgeNotice | None:
        key = query_key(id, "UrgeNotice", "id")
        return await find_urge_notice(info, key) if key else None

    @strawberry.field(
        description="各单位被催办次数(多者在前)/ Urge notices per unit, most first.",
        permission_classes=AUTH,
    )
    async def urge_counts(self, info: Info, plan_code: str | None = None) -> list[UnitUrgeCount]:
        store = await store_for(info, plan_code)
        view = store.bundle.view
        return [
            UnitUrgeCount(
                unit=Unit.of(store.bundle, view.units_by_id[c.unit_id]),
                count=c.count,
                last_issued_on=c.last_issued_on,
            )
            for c in await urge_counts(view.plan.id)
            if c.unit_id in view.units_by_id and store.reads("urge.read", c.unit_id)
        ]

    @strawberry.field(
        description="某单位当前逾期事项(催办通知将列明者)/ What a unit has overdue on a day "
        "(what an urge notice would list).",
        permission_classes=AUTH,
    )
    async def overdue_of(
        self,
        info: Info,
        unit_name: str,
        plan_code: str | None = None,
        as_of: dt.date | None = None,
        include_reports: bool = True,
    ) -> list[UrgedItem]:
        store = await store_for(info, plan_code, as_of)
        unit_id = _unit_id(store, unit_name)
        if not store.reads("urge.read", unit_id):
            return []
        entries = await overdue_of_unit(
            store.bundle.view.plan,
            unit_id,
            store.today,
            reports=include_reports,
        )
        return [UrgedItem.of(entry) for entry in entries]
