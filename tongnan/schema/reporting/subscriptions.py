"""Subscriptions (graphql-transport-ws): report changes and raised warnings, as they happen.

Events come from the process's change feed; on PostgreSQL the feed also carries what other
server processes announce (LISTEN/NOTIFY), so a subscriber hears submissions made anywhere.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator

import strawberry

from tongnan.domain.common.changes import FEED, Change
from tongnan.domain.reporting.read_scope import sees_report_change, sees_unit_warning
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.reporting.enums import ReportStatusEnum

QUEUE_LIMIT = 1000


@strawberry.type(description="报告变化 / A progress report changed state.")
class ProgressReportEvent:
    report_id: strawberry.ID
    round_id: strawberry.ID
    task_number: int
    unit_name: str | None
    status: ReportStatusEnum  # type: ignore[valid-type]
    version: int


@strawberry.type(description="新的预警 / A warning was raised.")
class WarningEvent:
    level: WarningLevelEnum  # type: ignore[valid-type]
    task_number: int
    unit_name: str | None
    reason: str
    raised_at: dt.datetime


async def changes(kinds: set[str]) -> AsyncGenerator[Change, None]:
    """The feed's changes of ``kinds`` from now on; a slow subscriber drops the oldest."""
    queue: asyncio.Queue[Change] = asyncio.Queue(QUEUE_LIMIT)

    def deliver(change: Change) -> None:
        if change.kind in kinds:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(change)

    unsubscribe = FEED.subscribe(deliver)
    try:
        while True:
            yield await queue.get()
    finally:
        unsubscribe()


def _matches(change: Change, task_number: int | None, unit_name: str | None) -> bool:
    data = change.data
    if task_number is not None and data.get("task_number") != task_number:
        return False
    return unit_name is None or data.get("unit_name") == unit_name


async def _hears_warning(info: Info, data: dict[str, object]) -> bool:
    unit_id = data.get("unit_id")
    if unit_id is None and data.get("unit_name") is not None:
        bundle = await info.context.bundle()
        unit = bundle.view.units_by_name.get(str(data["unit_name"]))
        unit_id = unit.id if unit is not None else None
    return sees_unit_warning(info.context.actor, int(str(unit_id)) if unit_id is not None else None)


@strawberry.type
class ReportingSubscription:
    @strawberry.subscription(
        description="报告变化(可按任务、单位筛选)/ Report changes, for one task or unit if given.",
        permission_classes=[IsAuthenticated],
    )
    async def progress_report_changed(
        self, info: Info, task_number: int | None = None, unit_name: str | None = None
    ) -> AsyncGenerator[ProgressReportEvent, None]:
        async for change in changes({"report"}):
            if not change.data or not _matches(change, task_number, unit_name):
                continue
            data = change.data
            if not await sees_report_change(info.context.actor, data):
                continue
            yield ProgressReportEvent(
                report_id=strawberry.ID(to_global_id("ProgressReport", int(data["report_id"]))),
                round_id=strawberry.ID(to_global_id("ReportingRound", int(data["round_id"]))),
                task_number=int(data["task_number"]),
                unit_name=data.get("unit_name"),
                status=data["status"],
                version=int(data["version"]),
            )

    @strawberry.subscription(
        description="新的黄色或红色预警 / Yellow and red warnings as they are raised.",
        permission_classes=[IsAuthenticated],
    )
    async def warning_raised(
        self, info: Info, unit_name: str | None = None
    ) -> AsyncGenerator[WarningEvent, None]:
        async for change in changes({"report", "warning"}):
            data = change.data
            if not data or not _matches(change, None, unit_name):
                continue
            if not await _hears_warning(info, data):
                continue
            if change.kind == "report" and data.get("status") == "RETURNED":
                level, reason = "YELLOW", "report returned for rework"
            elif change.kind == "warning":
                level, reason = str(data["level"]), str(data.get("reason", "due date"))
            else:
                continue
            yield WarningEvent(
                level=level,
                task_number=int(data["task_number"]),
                unit_name=data.get("unit_name"),
                reason=reason,
                raised_at=info.context.now(),
            )
