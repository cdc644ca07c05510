"""Reporting mutations: open and close rounds; save, submit and review progress reports."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import ReportingRound as ReportingRoundRow
from tongnan.domain.models.reporting import ObligationKind, RoundKind
from tongnan.domain.reporting import reports, reviews, rounds
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.reporting import loaders
from tongnan.schema.reporting.enums import ReportKindEnum, ReviewDecisionEnum, RoundKindEnum
from tongnan.schema.reporting.quantity import TypedQuantity
from tongnan.schema.reporting.types import ProgressReport, ReportingRound


@strawberry.input(description="开启调度 / Open a reporting round.")
class OpenReportingRoundInput:
    name: str = strawberry.field(description="如 2025年6月调度")
    kind: RoundKindEnum = RoundKind.AD_HOC  # type: ignore[valid-type]
    due_date: dt.date
    task_numbers: list[int] | None = strawberry.field(default=None, description="缺省为全部任务")
    plan_code: str | None = None
    confirm: bool = strawberry.field(
        default=False,
        description="确认:截止日期已过仍要开启 / yes, open it although the due date has passed",
    )


@strawberry.type
class OpenReportingRoundPayload:
    round: ReportingRound | None
    obligations: int = strawberry.field(description="应报份数 / reports owed in the round")
    unresolved: list[str] = strawberry.field(
        description="无法落实到具体单位的职责 / duties no concrete unit could be found for"
    )
    user_errors: list[UserError]


@strawberry.input
class CloseReportingRoundInput:
    round_id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")


@strawberry.type
class ReportingRoundPayload:
    round: ReportingRound | None
    user_errors: list[UserError]


@strawberry.input(description="报送的指标值 / A value for one of the task's targets.")
class ReportedValueInput:
    target_id: strawberry.ID
    value: TypedQuantity = strawberry.field(
        description="如实填写,可带单位或量级:24000、2.4万、8420元、99% / as typed"
    )
    baseline_value: TypedQuantity | None = strawberry.field(
        default=None, description="基期年度值(有增长类指标需要)/ last year's value"
    )


@strawberry.input(description="进展报告(本单位)/ The caller's unit's report on a task.")
class ProgressReportInput:
    round_id: strawberry.ID
    task_number: int
    summary: str
    completion: int = strawberry.field(description="0–100")
    problems: str = ""
    next_steps: str = ""
    values: list[ReportedValueInput] = strawberry.field(default_factory=list)
    kind: ReportKindEnum = ObligationKind.UNIT  # type: ignore[valid-type]
    expected_version: int = strawberry.field(
        description="读取时的版本,尚未保存过的报告为 0;不一致则冲突 / the version you read "
        "(0: no report yet)"
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="幂等键:重试不会重复报送 / a retry with it changes nothing"
    )


@strawberry.type
class ProgressReportPayload:
    report: ProgressReport | None
    user_errors: list[UserError]


@strawberry.input(description="审核报告 / Accept or return a submitted report.")
class ReviewProgressReportInput:
    report_id: strawberry.ID
    decision: ReviewDecisionEnum  # type: ignore[valid-type]
    comment: str | None = None
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")


def _request(input: ProgressReportInput) -> reports.ReportRequest:
    return reports.ReportRequest(
        round_id=input_key(input.round_id, "ReportingRound", ("roundId",)),
        task_number=input.task_number,
        kind=input.kind,
        expected_version=input.expected_version,
        idempotency_key=input.idempotency_key,
        content=reports.ReportContent(
            summary=input.summary,
            completion=input.completion,
            problems=input.problems,
            next_steps=input.next_steps,
            values=tuple(
                reports.ReportedValue(
                    input_key(v.target_id, "Target", ("values", str(i), "targetId")),
                    v.value,
                    v.baseline_value,
                )
                for i, v in enumerate(input.values)
            ),
        ),
    )


async def _report_payload(
    info: Info, written: reports.Written | None, errors: list[UserError]
) -> ProgressReportPayload:
    """The payload of a report written (its plan is read only when the write did not say)."""
    if written is None:
        return ProgressReportPayload(report=None, user_errors=errors)
    row = written.report
    code = written.plan_code
    if code is None:
        code = await info.context.loaders.load(loaders.plan_codes_of_rounds, row.round_id)
    bundle = await info.context.bundle(code)
    return ProgressReportPayload(report=ProgressReport.of(bundle, row), user_errors=[])


@strawberry.type
class ReportingMutation:
    @strawberry.mutation(description="开启调度(专班办公室)/ Open a reporting round (office).")
    async def open_reporting_round(
        self, info: Info, input: OpenReportingRoundInput
    ) -> OpenReportingRoundPayload:
        async def work(actor: Actor) -> rounds.OpenedRound:
            return await rounds.open_round(
                actor,
                input.name,
                input.kind,
                input.due_date,
                GraphDutyResolver(),
                info.context.now(),
                input.task_numbers,
                input.plan_code,
                confirm=input.confirm,
            )

        opened, errors = await run_use_case(info, "openReportingRound", work)
        if opened is None:
            return OpenReportingRoundPayload(
                round=None, obligations=0, unresolved=[], user_errors=errors
            )
        bundle = await info.context.bundle(input.plan_code)
        return OpenReportingRoundPayload(
            round=ReportingRound.of(bundle, opened.round),
            obligations=opened.obligations,
            unresolved=list(opened.unresolved),
            user_errors=[],
        )

    @strawberry.mutation(description="结束调度(专班办公室)/ Close a round (office).")
    async def close_reporting_round(
        self, info: Info, input: CloseReportingRoundInput
    ) -> ReportingRoundPayload:
        async def work(actor: Actor) -> ReportingRoundRow:
            round_id = input_key(input.round_id, "ReportingRound", ("roundId",))
            return await rounds.close_round(
                actor, round_id, info.context.now(), expected_version=input.expected_version
            )

        closed, errors = await run_use_case(info, "closeReportingRound", work)
        if closed is None:
            return ReportingRoundPayload(round=None, user_errors=errors)
        bundle = await info.context.loaders.plan_by_id(closed.plan_id)
        return ReportingRoundPayload(
            round=ReportingRound.of(bundle, closed),
            user_errors=[],
        )

    @strawberry.mutation(description="保存报告草稿 / Save a draft of the caller's report.")
    async def save_progress_report(
        self, info: Info, input: ProgressReportInput
    ) -> ProgressReportPayload:
        row, errors = await run_use_case(
            info,
            "saveProgressReport",
            lambda actor: reports.save(actor, _request(input), info.context.now()),
        )
        return await _report_payload(info, row, errors)

    @strawberry.mutation(description="报送进展报告 / Submit the caller's report for review.")
    async def submit_progress_report(
        self, info: Info, input: ProgressReportInput
    ) -> ProgressReportPayload:
        row, errors = await run_use_case(
            info,
            "submitProgressReport",
            lambda actor: reports.submit(actor, _request(input), info.context.now()),
        )
        return await _report_payload(info, row, errors)

    @strawberry.mutation(description="审核报告:通过或退回 / Accept or return a report.")
    async def review_progress_report(
        self, info: Info, input: ReviewProgressReportInput
    ) -> ProgressReportPayload:
        row, errors = await run_use_case(
            info,
            "reviewProgressReport",
            lambda actor: reviews.review_report(
                actor,
                input_key(input.report_id, "ProgressReport", ("reportId",)),
                input.decision,
                info.context.now(),
                input.comment,
                expected_version=input.expected_version,
            ),
        )
        return await _report_payload(
            info, None if row is None else reports.Written(row, None), errors
        )
