"""Supervision queries: supervisions, findings, the rectification ledger and its file."""

from __future__ import annotations

import base64
import datetime as dt

import strawberry
from graphql import GraphQLError
from strawberry.permission import BasePermission

from tongnan.domain import models
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.permissions import may_read
from tongnan.domain.models.supervision import FindingSource, SupervisionKind
from tongnan.domain.supervision.ledger_files import export_ledger
from tongnan.domain.supervision.ledger_xlsx import XLSX_TYPE
from tongnan.schema.common.context import Info
from tongnan.schema.common.ids import NO_ROW, query_key
from tongnan.schema.common.nodes import finds
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.connections import (
    FindingConnection,
    FindingEdge,
    SupervisionConnection,
    SupervisionEdge,
    paged,
)
from tongnan.schema.supervision.enums import FindingSourceEnum, SupervisionKindEnum
from tongnan.schema.supervision.items import RectificationItem, RectificationUpdate
from tongnan.schema.supervision.ledger import (
    LedgerFile,
    RectificationFilter,
    RectificationLedger,
    ledger_rows,
)
from tongnan.schema.supervision.store import Store, store_for, store_of_plan
from tongnan.schema.supervision.types import Finding, Supervision

AUTH: list[type[BasePermission]] = [IsAuthenticated]


@strawberry.input(description="问题筛选 / Which findings to list.")
class FindingFilter:
    source: FindingSourceEnum | None = None  # type: ignore[valid-type]
    supervision_id: strawberry.ID | None = None
    unit_name: str | None = strawberry.field(default=None, description="涉及单位 / concerning")
    task_number: int | None = None


def _keeps(finding: models.Finding, flt: FindingFilter, store: Store) -> bool:
    if flt.source is not None and finding.source is not FindingSource(flt.source):
        return False
    wanted = flt.supervision_id
    if wanted is not None:
        key = query_key(wanted, "Supervision", "filter.supervisionId")
        if finding.supervision_id != (NO_ROW if key is None else key):
            return False
    if flt.unit_name is not None:
        unit = store.bundle.view.units_by_name.get(flt.unit_name)
        if unit is None or unit.id not in finding.unit_ids:
            return False
    return flt.task_number is None or flt.task_number in finding.task_numbers


@finds("Supervision")
async def find_supervision(info: Info, key: int) -> Supervision | None:
    row = await info.context.loaders.load(loaders.supervisions, key)
    if row is None or not may_read(info.context.actor, "supervision.read"):
        return None
    return Supervision.of(await store_of_plan(info, row.plan_id), row)


@finds("Finding")
async def find_finding(info: Info, key: int) -> Finding | None:
    row = await info.context.loaders.load(loaders.findings, key)
    if row is None or not may_read(info.context.actor, "supervision.read"):
        return None
    return Finding.of(await store_of_plan(info, row.plan_id), row)


async def find_item(info: Info, key: int, as_of: dt.date | None = None) -> RectificationItem | None:
    row = await info.context.loaders.load(loaders.items, key)
    actor = info.context.actor
    if row is None or not may_read(actor, "rectification.read", row.responsible_unit_id):
        return None
    store = await store_of_plan(info, row.plan_id, as_of)
    finding = await store.loaders.load(loaders.findings, row.finding_id)
    return RectificationItem.of(store, row, finding) if finding else None


@finds("RectificationItem")
async def _item_node(info: Info, key: int) -> RectificationItem | None:
    return await find_item(info, key)


@finds("RectificationUpdate")
async def _update_node(info: Info, key: int) -> RectificationUpdate | None:
    row = await info.context.loaders.load(loaders.updates, key)
    if row is None or await find_item(info, row.item_id) is None:
        return None
    return RectificationUpdate.of(row)


@strawberry.type
class SupervisionQuery:
    @strawberry.field(
        description="督查(新者在前)/ Supervisions, newest first.", permission_classes=AUTH
    )
    async def supervisions(
        self,
        info: Info,
        plan_code: str | None = None,
        kind: SupervisionKindEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> SupervisionConnection:
        store = await store_for(info, plan_code)
        found = (
            await store.loaders.load(loaders.supervisions_of_plans, store.bundle.view.plan.id)
            if store.reads("supervision.read")
            else {}
        )
        rows = sorted(found.values(), key=lambda s: (s.starts_on, s.id), reverse=True)
        rows = [s for s in rows if kind is None or s.kind is SupervisionKind(kind)]
        edges, page_info = paged(rows, first, after, lambda s: Supervision.of(store, s))
        return SupervisionConnection(
            edges=[SupervisionEdge(cursor=c, node=n) for c, n in edges],
            page_info=page_info,
            total_count=len(rows),
        )

    @strawberry.field(description="一次督查 / A supervision by id.", permission_classes=AUTH)
    async def supervision(self, info: Info, id: strawberry.ID) -> Supervision | None:
        key = query_key(id, "Supervision", "id")
        return await find_supervision(info, key) if key else None

    @strawberry.field(
        description="发现问题(先早后晚)/ Findings, oldest first.", permission_classes=AUTH
    )
    async def findings(
        self,
        info: Info,
        plan_code: str | None = None,
        filter: FindingFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> FindingConnection:
        store = await store_for(info, plan_code)
        found = (
            await store.loaders.load(loaders.findings_of_plans, store.bundle.view.plan.id)
            if store.reads("supervision.read")
            else {}
        )
        rows = sorted(found.values(), key=lambda f: f.id)
        if filter is not None:
            rows = [f for f in rows if _keeps(f, filter, store)]
        edges, page_info = paged(rows, first, after, lambda f: Finding.of(store, f))
        return FindingConnection(
            edges=[FindingEdge(cursor=c, node=n) for c, n in edges],
            page_info=page_info,
            total_count=len(rows),
        )

    @strawberry.field(description="一个问题 / A finding by id.", permission_classes=AUTH)
    async def finding(self, info: Info, id: strawberry.ID) -> Finding | None:
        key = query_key(id, "Finding", "id")
        return await find_finding(info, key) if key else None

    @strawberry.field(
        description="整改台账:筛选、统计、逾期;asOf 缺省为今天 / The rectification ledger, "
        "filtered, with figures; colours as of asOf (default: today).",
        permission_classes=AUTH,
    )
    async def rectification_ledger(
        self,
        info: Info,
        plan_code: str | None = None,
        filter: RectificationFilter | None = None,
        as_of: dt.date | None = None,
    ) -> RectificationLedger:
        store = await store_for(info, plan_code, as_of)
        return RectificationLedger.of(store, await ledger_rows(store, filter))

    @strawberry.field(
        description="一个整改事项 / A rectification item by id.", permission_classes=AUTH
    )
    async def rectification_item(
        self, info: Info, id: strawberry.ID, as_of: dt.date | None = None
    ) -> RectificationItem | None:
        key = query_key(id, "RectificationItem", "id")
        return await find_item(info, key, as_of) if key else None

    @strawberry.field(
        description="导出整改台账(.xlsx,Base64)/ The ledger as an .xlsx file (Base64), "
        "filtered like rectificationLedger.",
        permission_classes=AUTH,
    )
    async def rectification_ledger_file(
        self,
        info: Info,
        plan_code: str | None = None,
        filter: RectificationFilter | None = None,
        as_of: dt.date | None = None,
    ) -> LedgerFile:
        store = await store_for(info, plan_code, as_of)
        try:
            file = await export_ledger(await ledger_rows(store, filter), store.today)
        except NotFound as exc:
            raise GraphQLError(exc.message) from None
        return LedgerFile(
            filename=file.filename,
            content_type=XLSX_TYPE,
            content_base64=base64.b64encode(file.content).decode(),
            row_count=file.rows,
        )
