"""Use case: a reviewer accepts a submitted report or returns it with a comment.

A responsible unit's report is reviewed by the task's lead units (those owing the consolidated
report in the round); a lead's own report and every consolidated report go to the office.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from tongnan.domain import notifications
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid, NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Role
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import Obligation, ProgressReport, Task, Unit
from tongnan.domain.models.reporting import ObligationKind, ReportStatus
from tongnan.domain.reporting.reports import report_event
from tongnan.domain.reporting.status_words import REPORT_STATUS_WORDS


class Decision(StrEnum):
    ACCEPT = "ACCEPT"
    RETURN = "RETURN"


async def reviewer_unit_ids(report: ProgressReport) -> list[int] | None:
    """The units that review ``report``; None when the office does."""
    if report.kind is ObligationKind.CONSOLIDATED:
        return None
    leads = await Obligation.filter(
        round_id=report.round_id, task_id=report.task_id, kind=ObligationKind.CONSOLIDATED
    ).order_by("id")  # created in the notice's order of the leads
    lead_ids = [lead.unit_id for lead in leads]
    if not lead_ids or report.unit_id in lead_ids:
        return None
    return lead_ids


async def review_report(
    actor: Actor,
    report_id: int,
    decision: Decision,
    now: dt.datetime,
    comment: str | None = None,
    *,
    expected_version: int,
) -> ProgressReport:
    require(actor, "report.review", actor.unit_id)
    if decision is Decision.RETURN and not (comment or "").strip():
        raise Invalid("退回报告时请写明退回原因", ("comment",))
    async with UnitOfWork() as uow:
        report = await ProgressReport.get_or_none(id=report_id)
        if report is None:
            raise NotFound(f"找不到第{report_id}号进展报告，请刷新后重试", ("reportId",))
        reviewers = await reviewer_unit_ids(report)
        if reviewers is None and actor.role is not Role.OFFICE_ADMIN:
            raise Forbidden("这份报告由督查办审核，您不能审核", ("reportId",))
        if reviewers is not None and actor.unit_id not in reviewers:
            names = {unit.id: unit.name for unit in await Unit.filter(id__in=reviewers)}
            raise Forbidden(
                "这份报告由该任务的牵头单位审核（"
                + "、".join(names[unit_id] for unit_id in reviewers)
                + "），您不能审核",
                ("reportId",),
            )
        await check_version("ProgressReport", report.id, report.version, expected_version, now)
        if report.status is not ReportStatus.SUBMITTED:
            raise Conflict(
                f"报告{REPORT_STATUS_WORDS[report.status]}，没有需要审核的内容",
                ("reportId",),
            )
        status = ReportStatus.ACCEPTED if decision is Decision.ACCEPT else ReportStatus.RETURNED
        reviewer = actor.unit_name or actor.name
        updated = await ProgressReport.filter(id=report.id, version=report.version).update(
            status=status,
            reviewed_at=now,
            reviewed_by=reviewer,
            review_comment=(comment or "").strip() or None,
            version=report.version + 1,
            updated_at=now,
        )
        if updated != 1:
            raise await changed_meanwhile("ProgressReport", report.id, now)
        before = {"status": report.status, "version": report.version}
        report = await ProgressReport.get(id=report.id)
        await audit.record(
            actor,
            "report.accepted" if decision is Decision.ACCEPT else "report.returned",
            "ProgressReport",
            report.id,
            before,
            {
                "status": report.status,
                "version": report.version,
                "comment": report.review_comment,
                "reviewed_by": reviewer,
            },
            now=now,
        )
        if decision is Decision.RETURN:
            await notifications.report_returned(report, now, uow)
        task = await Task.get(id=report.task_id).only("id", "number", "plan_id")
        unit = await Unit.get(id=report.unit_id).only("id", "name")
        uow.changed("report", task.plan_id, report_event(report, task.number, unit.name))
        return report
