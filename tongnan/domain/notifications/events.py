"""The events that need a person's attention, each turned into the outbox rows for the units
concerned. Each is called by its use case, inside its UnitOfWork, with the rows it just wrote."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import (
    Assignment,
    Document,
    Finding,
    Obligation,
    ProgressReport,
    RectificationItem,
    ReportingRound,
    Task,
    Unit,
    UrgeNotice,
)
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.outbox import announce, enqueue


async def urge_issued(notice: UrgeNotice, now: dt.datetime, uow: UnitOfWork) -> None:
    unit = await Unit.get(id=notice.unit_id).only("id", "name")
    message = templates.urge_issued(
        unit.name, notice.sequence, len(notice.items), f"/#/urge-notices/{notice.id}"
    )
    announce(uow, await enqueue([notice.unit_id], f"urge:{notice.id}", message, now))


async def report_returned(report: ProgressReport, now: dt.datetime, uow: UnitOfWork) -> None:
    task = await Task.get(id=report.task_id).only("id", "label", "title")
    obligation = await Obligation.get(id=report.obligation_id).only("id", "round_id")
    round_ = await ReportingRound.get(id=obligation.round_id).only("id", "name")
    message = templates.report_returned(
        f"{task.label}{task.title}",
        round_.name,
        report.reviewed_by or "审核单位",
        report.review_comment or "",
        f"/#/reports/{report.id}",
    )
    # a report returned again after a resubmission is a new event: its version tells them apart
    announce(
        uow,
        await enqueue([report.unit_id], f"returned:{report.id}:v{report.version}", message, now),
    )


async def round_opened(round_: ReportingRound, now: dt.datetime, uow: UnitOfWork) -> None:
    owed: dict[int, set[int]] = {}
    for unit_id, task_id in await Obligation.filter(round_id=round_.id).values_list(
        "unit_id", "task_id"
    ):
        owed.setdefault(int(unit_id), set()).add(int(task_id))
    for unit_id, tasks in owed.items():
        message = templates.round_opened(
            round_.name, round_.due_date, len(tasks), f"/#/rounds/{round_.id}"
        )
        announce(uow, await enqueue([unit_id], f"round:{round_.id}", message, now))


async def item_rejected(item: RectificationItem, now: dt.datetime, uow: UnitOfWork) -> None:
    finding = await Finding.get(id=item.finding_id).only("id", "description")
    message = templates.item_rejected(
        finding.description[:60],
        item.verification_note or "",
        f"/#/rectification/{item.id}",
    )
    announce(
        uow,
        await enqueue(
            [item.responsible_unit_id], f"rejected:{item.id}:v{item.version}", message, now
        ),
    )


async def document_issued(document: Document, now: dt.datetime, uow: UnitOfWork) -> None:
    """To the unit it is addressed to (an urge notice's), else to every unit of the plan."""
    if document.urge_notice_id is not None:
        notice = await UrgeNotice.get(id=document.urge_notice_id).only("id", "unit_id")
        units = {notice.unit_id}
    else:
        units = {
            int(unit_id)
            for (unit_id,) in await Assignment.filter(task__plan_id=document.plan_id).values_list(
                "unit_id"
            )
        }
    message = templates.document_issued(
        document.code, document.title, f"/documents/{document.id}.pdf"
    )
    announce(uow, await enqueue(units, f"document:{document.id}", message, now))
