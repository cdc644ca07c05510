"""The rectification ledger (整改台账): its filter, its items, and figures by source, unit, task."""

from __future__ import annotations

import datetime as dt

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.rules import ledger as figures
from tongnan.domain.supervision.ledger import LedgerFilter, LedgerRows, load_items, load_ledger
from tongnan.schema.common.connections import page
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import NO_ROW, query_key
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.types import Task
from tongnan.schema.supervision.connections import (
    RectificationItemConnection,
    RectificationItemEdge,
)
from tongnan.schema.supervision.enums import FindingSourceEnum, RectificationStatusEnum
from tongnan.schema.supervision.items import RectificationItem
from tongnan.schema.supervision.store import Store


@strawberry.input(
    description="台账筛选;各条件同时满足 / Ledger filter: every condition given holds."
)
class RectificationFilter:
    source: FindingSourceEnum | None = None  # type: ignore[valid-type]
    source_name: str | None = strawberry.field(
        default=None, description="按来源名称(含其他来源)/ by the source's name"
    )
    unit_name: str | None = strawberry.field(default=None, description="责任单位 / owning unit")
    status: RectificationStatusEnum | None = None  # type: ignore[valid-type]
    task_number: int | None = None
    finding_id: strawberry.ID | None = None
    supervision_id: strawberry.ID | None = None
    level: WarningLevelEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="按预警颜色 / by colour on the ledger's day"
    )
    overdue: bool | None = strawberry.field(
        default=None, description="仅逾期(或仅未逾期)/ only overdue (or only not overdue)"
    )


def domain_filter(store: Store, flt: RectificationFilter | None) -> LedgerFilter:
    if flt is None:
        return LedgerFilter()
    unit_id = None
    if flt.unit_name is not None:
        unit = store.bundle.view.units_by_name.get(flt.unit_name)
        if unit is None:
            known = store.bundle.view.units_by_name
            raise GraphQLError(unknown_unit_message(flt.unit_name, known, on="filter.unitName"))
        unit_id = unit.id

    def key(value: strawberry.ID | None, type_name: str, name: str) -> int | None:
        if value is None:
            return None
        key = query_key(value, type_name, f"filter.{name}")
        return NO_ROW if key is None else key

    return LedgerFilter(
        source=flt.source,
        source_name=flt.source_name,
        unit_id=unit_id,
        status=RectificationStatus(flt.status) if flt.status is not None else None,
        task_number=flt.task_number,
        finding_id=key(flt.finding_id, "Finding", "findingId"),
        supervision_id=key(flt.supervision_id, "Supervision", "supervisionId"),
    )


async def ledger_rows(store: Store, flt: RectificationFilter | None) -> LedgerRows:
    """The items that pass the filter (colour and overdue judged on the store's day)."""
    rows = await load_ledger(store.bundle.view.plan.id, domain_filter(store, flt))
    rows = rows.only(
        [line for line in rows.lines if store.reads("rectification.read", line.unit_id)]
    )
    if flt is None or (flt.level is None and flt.overdue is None):
        return rows
    kept = []
    for line in rows.lines:
        if line.voided:  # a voided item has no colour and is never overdue
            continue
        entry = rows.entry(line)
        if (
            flt.level is not None
            and figures.level_of(entry, store.today, store.policy) != flt.level
        ):
            continue
        if flt.overdue is not None and figures.is_overdue(entry, store.today) != flt.overdue:
            continue
        kept.append(line)
    return rows.only(kept)


@strawberry.type(description="台账统计 / Counts and rates of a set of items.")
class LedgerTally:
    total: int
    open: int = strawberry.field(description="待整改 / open")
    in_progress: int = strawberry.field(description="整改中 / in progress")
    completed: int = strawberry.field(description="已完成待销号 / completed, not yet verified")
    verified: int = strawberry.field(description="已销号 / verified")
    overdue: int = strawberry.field(description="逾期未完成(红色)/ overdue (RED)")
    due_soon: int = strawberry.field(description="临期或退回(黄色)/ due soon or returned (YELLOW)")
    completion_rate: float = strawberry.field(
        description="完成率 (已完成+已销号)/总数,0–1 / completed or verified over all"
    )
    verification_rate: float = strawberry.field(description="销号率 / verified over all")

    @classmethod
    def of(cls, tally: figures.Tally) -> LedgerTally:
        return cls(
            total=tally.total,
            open=tally.open,
            in_progress=tally.in_progress,
            completed=tally.completed,
            verified=tally.verified,
            overdue=tally.overdue,
            due_soon=tally.yellow,
            completion_rate=tally.completion_rate,
            verification_rate=tally.verification_rate,
        )


@strawberry.type(description="按问题来源统计 / Figures of one source.")
class SourceTally:
    source_name: str
    tally: LedgerTally


@strawberry.type(description="按责任单位统计 / Figures of one responsible unit.")
class UnitTally:
    unit: Unit
    tally: LedgerTally


@strawberry.type(description="按任务统计 / Figures of one task.")
class TaskTally:
    task: Task
    tally: LedgerTally


@strawberry.type(
    description="整改台账:各事项最新状态、逾期情况与完成率 / The rectification ledger: the latest "
    "state of every item, what is overdue, and completion rates."
)
class RectificationLedger:
    as_of: dt.date = strawberry.field(description="统计日期 / the day the colours are judged on")
    _store: strawberry.Private[Store]
    _rows: strawberry.Private[LedgerRows]
    _classified: strawberry.Private[list[figures.Classified]]

    @classmethod
    def of(cls, store: Store, rows: LedgerRows) -> RectificationLedger:
        classified = figures.classify(rows.entries(), store.today, store.policy)
        return cls(as_of=store.today, _store=store, _rows=rows, _classified=classified)

    @strawberry.field(description="合计 / figures of every item in the ledger")
    def summary(self) -> LedgerTally:
        return LedgerTally.of(figures.tally_of(self._classified))

    @strawberry.field(description="按问题来源 / by source")
    def by_source(self) -> list[SourceTally]:
        by = figures.tally_by_of(self._classified, lambda e: (e.source,))
        return [SourceTally(source_name=k, tally=LedgerTally.of(v)) for k, v in by.items()]

    @strawberry.field(description="按责任单位 / by responsible unit")
    def by_unit(self) -> list[UnitTally]:
        view = self._store.bundle.view
        by = figures.tally_by_of(self._classified, lambda e: (e.unit_id,))
        return [
            UnitTally(
                unit=Unit.of(self._store.bundle, view.units_by_id[k]), tally=LedgerTally.of(v)
            )
            for k, v in by.items()
        ]

    @strawberry.field(description="按任务 / by task (an item counts for every task of its finding)")
    def by_task(self) -> list[TaskTally]:
        view = self._store.bundle.view
        by = figures.tally_by_of(self._classified, lambda e: e.task_numbers)
        return [
            TaskTally(
                task=Task.of(self._store.bundle, view.tasks_by_number[k]), tally=LedgerTally.of(v)
            )
            for k, v in sorted(by.items())
            if k in view.tasks_by_number
        ]

    @strawberry.field(description="事项(台账顺序,分页)/ the items in ledger order, paged")
    async def items(
        self, first: int | None = None, after: str | None = None
    ) -> RectificationItemConnection:
        lines, info = page(self._rows.lines, first, after)
        rows = await load_items([line.id for _, line in lines])
        return RectificationItemConnection(
            edges=[
                RectificationItemEdge(
                    cursor=cursor, node=RectificationItem.of(self._store, row, row.finding)
                )
                for (cursor, _), row in zip(lines, rows, strict=True)
            ],
            page_info=info,
            total_count=len(self._rows.lines),
        )


@strawberry.type(description="台账文件 / The ledger as an .xlsx file.")
class LedgerFile:
    filename: str
    content_type: str
    content_base64: str = strawberry.field(description="文件内容(Base64)/ the file, Base64")
    row_count: int
