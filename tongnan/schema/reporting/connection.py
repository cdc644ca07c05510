"""``ProgressReportConnection``: reports, paged the Relay way."""

from __future__ import annotations

import strawberry

from tongnan.domain import models
from tongnan.schema.common.connections import PageInfo, page
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.reporting.types import ProgressReport


@strawberry.type
class ProgressReportEdge:
    cursor: str
    node: ProgressReport


@strawberry.type(description="进展报告列表(分页)/ A page of progress reports.")
class ProgressReportConnection:
    edges: list[ProgressReportEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[ProgressReport]:
        return [edge.node for edge in self.edges]


def report_connection(
    bundle: PlanBundle, reports: list[models.ProgressReport], first: int | None, after: str | None
) -> ProgressReportConnection:
    edges, info = page(reports, first, after)
    return ProgressReportConnection(
        edges=[ProgressReportEdge(cursor=c, node=ProgressReport.of(bundle, r)) for c, r in edges],
        page_info=info,
        total_count=len(reports),
    )
