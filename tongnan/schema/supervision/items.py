"""``RectificationItem`` (整改事项) and its ``RectificationUpdate`` (定期调度) history."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain import models
from tongnan.domain.models.supervision import STATUS_LABELS
from tongnan.domain.rules.rectification import days_overdue, item_level
from tongnan.domain.rules.warnings import WarningLevel
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node
from tongnan.schema.directory.types import Unit
from tongnan.schema.evidence.types import Evidence, evidence_of_items
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.enums import RectificationStatusEnum
from tongnan.schema.supervision.store import Store
from tongnan.schema.supervision.types import Finding, Person


@strawberry.type(description="整改进展(定期调度)/ One progress update on an item.")
class RectificationUpdate(Node):
    reported_on: dt.date = strawberry.field(description="调度日期 / the date it reports on")
    content: str = strawberry.field(description="整改进展 / what was done")
    status_after: RectificationStatusEnum  # type: ignore[valid-type]
    author: str
    author_unit: str | None
    created_at: dt.datetime

    @classmethod
    def of(cls, row: models.RectificationUpdate) -> RectificationUpdate:
        return cls(
            id=strawberry.ID(to_global_id("RectificationUpdate", row.id)),
            reported_on=row.reported_on,
            content=row.content,
            status_after=row.status_after,
            author=row.author,
            author_unit=row.author_unit,
            created_at=row.created_at,
        )


@strawberry.type(
    description="整改事项:措施、时限、责任单位与责任人、状态 / A rectification item: measures, "
    "deadline, responsible unit and persons, status."
)
class RectificationItem(Node):
    number: int = strawberry.field(
        description="编号(导出表格的“编号”列,导入时据此更新)/ the stable number in ledger sheets"
    )
    measures: str = strawberry.field(description="整改措施 / the measures")
    deadline: dt.date = strawberry.field(description="整改时限 / the deadline")
    responsible_persons: list[Person] = strawberry.field(description="责任人 / responsible persons")
    status: RectificationStatusEnum  # type: ignore[valid-type]
    status_label: str = strawberry.field(description="状态(中文)/ the status in Chinese")
    returned: bool = strawberry.field(
        description="销号核查未通过、待重新完成 / failed verification, not yet completed again"
    )
    latest_progress: str | None = strawberry.field(description="最新整改进展 / latest progress")
    latest_progress_on: dt.date | None
    completed_at: dt.datetime | None
    verified_at: dt.datetime | None = strawberry.field(description="销号时间 / when verified")
    verified_by: str | None
    verification_note: str | None = strawberry.field(
        description="销号或退回意见 / the office's note on verifying or rejecting"
    )
    voided: bool = strawberry.field(
        description="已作废(保留,不计入完成率与预警)/ voided: kept, out of rates and warnings"
    )
    voided_at: dt.datetime | None = strawberry.field(description="作废时间 / when voided")
    voided_by: str | None
    void_reason: str | None = strawberry.field(description="作废原因 / why it was voided")
    warning_level: WarningLevelEnum = strawberry.field(  # type: ignore[valid-type]
        description="三色预警(按 asOf 日期)/ the three-colour warning on the ledger's day"
    )
    days_overdue: int = strawberry.field(description="逾期天数 / days past the deadline")
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = strawberry.field(description="每次修改加一 / edit counter (expectedVersion)")
    _store: strawberry.Private[Store]
    _row: strawberry.Private[models.RectificationItem]
    _finding: strawberry.Private[models.Finding]

    @classmethod
    def of(
        cls, store: Store, row: models.RectificationItem, finding: models.Finding
    ) -> RectificationItem:
        voided = row.voided_at is not None
        return cls(
            id=strawberry.ID(to_global_id("RectificationItem", row.id)),
            number=row.id,
            measures=row.measures,
            deadline=row.deadline,
            responsible_persons=Person.many(row.responsible_persons),
            status=row.status,
            status_label=STATUS_LABELS[row.status],
            returned=row.returned,
            latest_progress=row.latest_progress,
            latest_progress_on=row.latest_progress_on,
            completed_at=row.completed_at,
            verified_at=row.verified_at,
            verified_by=row.verified_by,
            verification_note=row.verification_note,
            voided=voided,
            voided_at=row.voided_at,
            voided_by=row.voided_by,
            void_reason=row.void_reason,
            warning_level=WarningLevel.GREEN
            if voided
            else item_level(
                row.deadline, row.status, store.today, returned=row.returned, policy=store.policy
            ),
            days_overdue=0 if voided else days_overdue(row.deadline, row.status, store.today),
            created_by=row.created_by,
            created_at=row.created_at,
            updated_at=row.updated_at,
            version=row.version,
            _store=store,
            _row=row,
            _finding=finding,
        )

    @strawberry.field(description="所属问题 / the finding the item belongs to")
    def finding(self) -> Finding:
        return Finding.of(self._store, self._finding)

    @strawberry.field(description="问题来源 / the finding's source, as the ledger prints it")
    def source_name(self) -> str:
        return self._finding.source_name

    @strawberry.field(description="责任单位 / the responsible unit")
    def responsible_unit(self) -> Unit:
        view = self._store.bundle.view
        return Unit.of(self._store.bundle, view.units_by_id[self._row.responsible_unit_id])

    @strawberry.field(description="佐证材料,先早后晚 / evidence files, oldest first")
    async def evidence(self) -> list[Evidence]:
        rows = await self._store.loaders.load(evidence_of_items, self._row.id)
        return Evidence.many(rows)

    @strawberry.field(description="整改进展记录,先早后晚 / progress updates, oldest first")
    async def updates(self) -> list[RectificationUpdate]:
        rows = await self._store.loaders.load(loaders.updates_of_items, self._row.id)
        return [RectificationUpdate.of(row) for row in rows]
