"""Reporting queries: rounds, a round, a report, warnings, and any object's audit history."""

from __future__ import annotations

import datetime as dt
import json

import strawberry
from graphql import GraphQLError

from tongnan.domain.models import ProgressReport as ReportRow
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.reporting.read_scope import sees_report
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import any_key, query_key
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.common.plan_cache import PlanBundle
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


async def _visible_report(info: Info, key: int | None) -> tuple[PlanBundle, ReportRow] | None:
    """The report ``key`` and its plan when the caller may read it (drafts: its own unit alone)."""
    request = info.context.loaders
    row = await request.load(loaders.reports, key) if key else None
    code = await request.load(loaders.plan_codes_of_rounds, row.round_id) if row else None
    if row is None or code is None:
        return None
    bundle = await request.plan(code)
    scope = await info.context.read_scope(bundle)
    return (bundle, row) if scope.sees(row) else None


def _state_json(state: object, hide_drafts: bool) -> str | None:
    """An event's before/after state as JSON; None for a draft's state when drafts are hidden."""
    if state is None:
        return None
    if hide_drafts and isinstance(state, dict) and state.get("status") == ReportStatus.DRAFT:
        return None
    return json.dumps(state, ensure_ascii=False)


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
        scope = await info.context.read_scope(bundle)
        if not scope.sees_rounds:
            return []
        return [ReportingRound.of(bundle, r) for r in scope.view.rounds]

    @strawberry.field(description="一次调度 / A round by id.")
    async def round(self, info: Info, id: strawberry.ID) -> ReportingRound | None:
        key = query_key(id, "ReportingRound", "id")
        request = info.context.loaders
        code = await request.load(loaders.plan_codes_of_rounds, key) if key else None
        if key is None or code is None:
            return None
        bundle = await request.plan(code)
        scope = await info.context.read_scope(bundle)
        round_ = scope.view.rounds_by_id.get(key)
        if not scope.sees_rounds or round_ is None:
            return None
        return ReportingRound.of(bundle, round_)

    @strawberry.field(
        description="一份进展报告 / A progress report by id.", permission_classes=[IsAuthenticated]
    )
    async def progress_report(self, info: Info, id: strawberry.ID) -> ProgressReport | None:
        found = await _visible_report(info, query_key(id, "ProgressReport", "id"))
        return ProgressReport.of(*found) if found else None

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
        scope = await info.context.read_scope(bundle)
        items = scope.view.warnings(info.context.today(), info.context.warning_policy)
        return [
            Warning.of(bundle, item)
            for item in items
            if (level is None or item.level is level) and scope.sees_warning(item)
        ]

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
        hide_drafts = False
        if type_name == "ProgressReport":
            found = await _visible_report(info, key)
            if found is None:
                return []  # a report the caller may not read has no history it may read
            # the draft rule: a draft's text stays with its unit, in the history as well
            hide_drafts = not sees_report(info.context.actor, ReportStatus.DRAFT, found[1].unit_id)
        audited = (_AUDITED[type_name], str(key))
        rows = await info.context.loaders.load(loaders.audit_histories, audited)
        return [
            AuditEvent(
                occurred_at=row.occurred_at,
                actor=row.actor,
                actor_unit=row.actor_unit,
                action=row.action,
                before_json=_state_json(row.before, hide_drafts),
                after_json=_state_json(row.after, hide_drafts),
                hash=row.hash,
            )
            for row in rows
        ]
