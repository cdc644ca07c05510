"""Reporting queries: rounds, a round, a report, warnings, and any object's audit history."""

from __future__ import annotations

import datetime as dt
import json

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.clock import local_date
from tongnan.domain.common.suggest import unknown_unit_message
from tongnan.domain.models import ProgressReport as ReportRow
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.reporting.read_scope import sees_report
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import WarningLevelEnum
from tongnan.schema.common.ids import any_key, query_key
from tongnan.schema.common.nodes import find_node, finds, node_types
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


@finds("ReportingRound", signed_in=False)
async def find_round(info: Info, key: int) -> ReportingRound | None:
    request = info.context.loaders
    code = await request.load(loaders.plan_codes_of_rounds, key)
    if code is None:
        return None
    bundle = await request.plan(code)
    scope = await info.context.read_scope(bundle)
    round_ = scope.view.rounds_by_id.get(key)
    if not scope.sees_rounds or round_ is None:
        return None
    return ReportingRound.of(bundle, round_)


@finds("ProgressReport")
async def find_report(info: Info, key: int) -> ProgressReport | None:
    found = await _visible_report(info, key)
    return ProgressReport.of(*found) if found else None


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
        return await find_round(info, key) if key else None

    @strawberry.field(
        description="一份进展报告 / A progress report by id.", permission_classes=[IsAuthenticated]
    )
    async def progress_report(self, info: Info, id: strawberry.ID) -> ProgressReport | None:
        key = query_key(id, "ProgressReport", "id")
        return await find_report(info, key) if key else None

    @strawberry.field(
        description="三色预警(进行中的调度),最急者在前;asOf 缺省为今天;单位填报员只看到本单位的"
        " / Warnings in open rounds as of a day (default: today), most urgent first, for one "
        "unit, task or colour; a unit's reporter sees its own unit's only.",
        permission_classes=[IsAuthenticated],
    )
    async def warnings(
        self,
        info: Info,
        level: WarningLevelEnum | None = None,  # type: ignore[valid-type]
        plan_code: str | None = None,
        as_of: dt.date | None = None,
        unit_name: str | None = None,
        task_number: int | None = None,
    ) -> list[Warning]:
        actor = info.context.actor
        assert actor is not None  # IsAuthenticated
        bundle = await info.context.bundle(plan_code)
        view = bundle.view
        unit_id = task_id = None
        if unit_name is not None:
            unit = view.units_by_name.get(unit_name.strip())
            if unit is None:
                raise GraphQLError(
                    unknown_unit_message(unit_name, view.units_by_name, on="unitName")
                )
            unit_id = unit.id
        if task_number is not None:
            task = view.tasks_by_number.get(task_number)
            if task is None:
                raise GraphQLError(f"taskNumber：本计划没有第{task_number}项任务")
            task_id = task.id
        scope = await info.context.read_scope(bundle)
        reporting = scope.view
        day = as_of or info.context.today()
        items = reporting.warnings(day, info.context.warning_policy)
        rounds: dict[int, ReportingRound] = {}  # a round's object once per answer
        return [
            Warning.of(bundle, item, rounds)
            for item in items
            if local_date(item.round.opened_at) <= day  # no warning before its round opened
            and (level is None or item.level is level)
            and unit_id in (None, item.obligation.unit_id)
            and task_id in (None, item.obligation.task_id)
            and scope.sees_warning(item)
        ]

    @strawberry.field(
        description="任一对象的审计记录 / The audit history of any object, oldest first.",
        permission_classes=[IsAuthenticated],
    )
    async def history(self, info: Info, id: strawberry.ID) -> list[AuditEvent]:
        type_name, key = any_key(id, "id")
        if type_name not in node_types():
            raise GraphQLError(f"id:{type_name} 类对象没有审计记录")
        if key is None:
            return []
        if await find_node(info, type_name, key) is None:
            return []  # what the caller may not read has no history it may read
        hide_drafts = False
        if type_name == "ProgressReport":
            found = await _visible_report(info, key)
            # the draft rule: a draft's text stays with its unit, in the history as well
            if found is not None:
                unit_id = found[1].unit_id
                hide_drafts = not sees_report(info.context.actor, ReportStatus.DRAFT, unit_id)
        audited = (type_name, str(key))
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
