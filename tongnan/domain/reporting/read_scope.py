"""What one caller may read of a plan's reporting: the read table applied to reports and warnings.

The one place the schema, the subscriptions and the exports ask before showing a report, its
values, a warning or a colour. A draft is seen by its own unit alone; a submitted report by the
office, supervisors, viewers, its own unit and the lead units that review it; anonymous callers
see none of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.permissions import may_read
from tongnan.domain.models import ProgressReport
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.reporting.reporting_view import ReportingView, WarningItem


def sees_report(
    actor: Actor | None, status: ReportStatus, unit_id: int, *, as_lead: bool = False
) -> bool:
    """The draft rule and the report rule, for a report of ``unit_id`` in ``status``."""
    if status is ReportStatus.DRAFT:
        return may_read(actor, "report.draft", unit_id)
    return may_read(actor, "report.read", unit_id, as_lead=as_lead)


@dataclass(frozen=True, slots=True)
class ReadScope:
    """A caller's view of one plan's reporting rows (the rows are shared; this only filters)."""

    actor: Actor | None
    view: ReportingView

    @property
    def sees_rounds(self) -> bool:
        return may_read(self.actor, "round.read")

    @property
    def sees_colours(self) -> bool:
        """Warning colours and report counts on tasks, units and rounds."""
        return may_read(self.actor, "plan.warning_levels")

    def sees(self, report: ProgressReport) -> bool:
        actor = self.actor
        lead = actor is not None and self.view.reviewed_by_lead(report, actor.unit_id)
        return sees_report(actor, report.status, report.unit_id, as_lead=lead)

    def sees_unit_figures(self, round_id: int, task_id: int, unit_id: int) -> bool:
        """Whether the caller may read the values ``unit_id`` submitted on a task in a round (a
        target result's per-unit figures): the report rule for a submitted report of that unit,
        the lead being a lead unit of the task in that round other than the unit itself."""
        actor = self.actor
        leads = self.view.leads_of.get((round_id, task_id), set())
        lead = actor is not None and actor.unit_id in leads and unit_id not in leads
        return sees_report(actor, ReportStatus.SUBMITTED, unit_id, as_lead=lead)

    def reports(self, reports: list[ProgressReport]) -> list[ProgressReport]:
        return [report for report in reports if self.sees(report)]

    def sees_warning(self, item: WarningItem) -> bool:
        return may_read(self.actor, "warning.read", item.obligation.unit_id)


async def sees_report_change(actor: Actor | None, data: dict[str, object]) -> bool:
    """Whether a subscriber may hear of this report change (``services.reports.report_event``):
    the same rule as reading the report itself."""
    from tongnan.domain.reporting.reviews import reviewer_unit_ids

    status = ReportStatus(str(data.get("status")))
    unit_id = int(str(data["unit_id"])) if data.get("unit_id") is not None else -1
    if sees_report(actor, status, unit_id):
        return True
    if (
        actor is None
        or actor.unit_id is None
        or not sees_report(actor, status, unit_id, as_lead=True)
    ):
        return False
    report = await ProgressReport.get_or_none(id=int(str(data["report_id"])))
    leads = await reviewer_unit_ids(report) if report is not None else None
    return leads is not None and actor.unit_id in leads


def sees_unit_warning(actor: Actor | None, unit_id: int | None) -> bool:
    """A unit hears only its own warnings; the office, supervisors and viewers any unit's."""
    return may_read(actor, "warning.read", unit_id)
