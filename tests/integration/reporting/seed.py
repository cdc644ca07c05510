"""A reporting round on the bundled plan, opened by the office, and the reports units write."""

from __future__ import annotations

import datetime as dt

from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.models import AuditEvent, ReportingRound
from tongnan.domain.models.reporting import ObligationKind, RoundKind
from tongnan.domain.reporting.reports import ReportContent, ReportRequest
from tongnan.domain.reporting.rounds import open_round
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver

JUNE_1 = dt.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TZ)
DUE = dt.date(2025, 6, 25)
LEADS_OF_7 = ("区人力社保局", "区发展改革委", "区农业农村委")  # in the notice's order


async def june_round(*task_numbers: int) -> ReportingRound:
    """Import the seed and open 2025年6月调度 (due 25 June) for ``task_numbers`` (default: 7)."""
    await import_seed()
    opened = await open_round(
        OFFICE,
        "2025年6月调度",
        RoundKind.MONTHLY,
        DUE,
        GraphDutyResolver(),
        JUNE_1,
        task_numbers=list(task_numbers or (7,)),
    )
    return opened.round


def report(
    round_: ReportingRound,
    task_number: int = 7,
    *,
    summary: str = "开发公益性岗位120个",
    completion: int = 40,
    kind: ObligationKind = ObligationKind.UNIT,
    expected_version: int = 0,
    idempotency_key: str | None = None,
) -> ReportRequest:
    return ReportRequest(
        round_id=round_.id,
        task_number=task_number,
        content=ReportContent(summary=summary, completion=completion),
        kind=kind,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
    )


async def actions_on(report_id: int) -> list[str]:
    """The audit trail of one report, oldest first."""
    events = AuditEvent.filter(object_type="ProgressReport", object_id=str(report_id))
    return [event.action for event in await events.order_by("id")]
