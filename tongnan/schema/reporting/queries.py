"""Reporting queries: rounds, a round, a report, warnings, and any object's audit history."""

from __future__ import annotations

import datetime as dt
import json

import strawberry
from graphql import GraphQLError

from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import any_key, query_key
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.reporting import loaders
from tongnan.schema.reporting.types import ProgressReport, ReportingRound, Warning


@strawberry.type(description="审计记录 / One audit event: who did what, when, before → after.")
class AuditEvent:
    occurred_at: dt.datetime
    actor: str
    actor_unit: str | None
    action: str
    before_json: str | None = strawberry.field(description="变更前(JSON)/ before, as JSON")
    after_json: str | None = strawberry.field(description="变更后(JSON)/ after, as JSON")
    hash: str


_AUDITED = {
    "WorkPlan": "WorkPlan",
    "Task": "Task",
    "Unit": "Unit",
    "Assignment": "Assignment",
    "Target": "Target",
    "ReportingRound": "ReportingRound",
    "ProgressReport": "ProgressReport",
}


@strawberry.type
class ReportingQuery:
    @strawberry.field(description="计划的全部调度 / The plan's reporting rounds, oldest first.")
    async def rounds(self, info: Info, plan_code: str | None = None) -> list[ReportingRound]:
        bundle = await info.context.bundle(plan_code)
        return [ReportingRound.of(bundle, r) for r in (await bundle.reporting()).rounds]

    @strawberry.field(description="一次调度 / A round by id.")
    async def round(self, info: Info, id: strawberry.ID) -> ReportingRound | None:
        key = query_key(id, "ReportingRound", "id")
        request = info.context.loaders
        code = await request.load(loaders.plan_codes_of_rounds, key) if key else None
        if key is None or code is None:
            return None
        bundle = await request.plan(code)
        round_ = (await bundle.reporting()).rounds_by_id.get(key)
        return ReportingRound.of(bundle, round_) if round_ else None

    @strawberry.field(
        description="一份进展报告 / A progress report by id.", permission_classes=[IsAuthenticated]
    )
    async def progress_report(self, info: Info, id: strawberry.ID) -> ProgressReport | None:
        key = query_key(id, "ProgressReport", "id")
        request = info.context.loaders
        row = await request.load(loaders.reports, key) if key else None
        code = await request.load(loaders.plan_codes_of_rounds, row.round_id) if row else None
        if row is None or code is None:
            return None
        return ProgressReport.of(await request.plan(code), row)

    @strawberry.field(
        description="三色预警(进行中的调度)/ Warnings in open rounds, most urgent first.",
        permission_classes=[IsAuthenticated],
    )
    async def warnings(
        self,
        info: Info,
        level: WarningLevelEnum | None = None,  # type: ignore[valid-type]
        plan_code: str | None = None,
    ) -> list[Warning]:
        bundle = await info.context.bundle(plan_code)
        reporting = await bundle.reporting()
        items = reporting.warnings(info.context.today(), info.context.warning_policy)
        return [Warning.of(bundle, item) for item in items if level is None or item.level is level]

    @strawberry.field(
        description="任一对象的审计记录 / The audit history of any object, oldest first.",
        permission_classes=[IsAuthenticated],
    )
    async def history(self, info: Info, id: strawberry.ID) -> list[AuditEvent]:
        type_name, key = any_key(id, "id")
        if type_name not in _AUDITED:
            raise GraphQLError(f"id:{type_name} 类对象没有审计记录")
        if key is None:
            return []
        audited = (_AUDITED[type_name], str(key))
        rows = await info.context.loaders.load(loaders.audit_histories, audited)
        return [
            AuditEvent(
                occurred_at=row.occurred_at,
                actor=row.actor,
                actor_unit=row.actor_unit,
                action=row.action,
                before_json=None
                if row.before is None
                else json.dumps(row.before, ensure_ascii=False),
                after_json=None if row.after is None else json.dumps(row.after, ensure_ascii=False),
                hash=row.hash,
            )
            for row in rows
        ]
