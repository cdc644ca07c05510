"""The reporting feature's batch loads (see ``common.loading``): reports, their values, the plan
of a round, and any object's audit history."""

from __future__ import annotations

from tongnan.domain.models import AuditEvent, ProgressReport, ReportingRound, TargetValue


async def values_of_reports(report_ids: list[int]) -> list[list[TargetValue]]:
    rows = await TargetValue.filter(report_id__in=report_ids).order_by("id")
    grouped: dict[int, list[TargetValue]] = {report_id: [] for report_id in report_ids}
    for row in rows:
        grouped[row.report_id].append(row)
    return [grouped[report_id] for report_id in report_ids]


async def reports(ids: list[int]) -> list[ProgressReport | None]:
    found = {row.id: row for row in await ProgressReport.filter(id__in=ids)}
    return [found.get(key) for key in ids]


async def plan_codes_of_rounds(round_ids: list[int]) -> list[str | None]:
    rows = await ReportingRound.filter(id__in=round_ids).values_list("id", "plan__code")
    found = {int(key): str(code) for key, code in rows}
    return [found.get(key) for key in round_ids]


async def audit_histories(objects: list[tuple[str, str]]) -> list[list[AuditEvent]]:
    """The audit events of each ``(object type, object id)``, oldest first."""
    grouped: dict[tuple[str, str], list[AuditEvent]] = {key: [] for key in objects}
    for object_type in {kind for kind, _ in objects}:
        keys = [key for kind, key in objects if kind == object_type]
        query = AuditEvent.filter(object_type=object_type, object_id__in=keys).order_by("id")
        for row in await query:
            grouped[(row.object_type, row.object_id)].append(row)
    return [grouped[key] for key in objects]
