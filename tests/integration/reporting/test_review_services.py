"""Review use cases called directly (no GraphQL): who reviews which report, and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.reporting.seed import JUNE_1, LEADS_OF_7, actions_on, june_round, report
from tests.support.seed import OFFICE, reporter
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid, NotFound
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.values import Role
from tongnan.domain.models import AuditEvent, ProgressReport, ReportingRound, Unit
from tongnan.domain.models.reporting import ObligationKind, ReportStatus
from tongnan.domain.reporting.reports import submit_report
from tongnan.domain.reporting.reviews import Decision, review_report, reviewer_unit_ids

LATER = JUNE_1 + dt.timedelta(days=3)


async def _submitted_by_a_town() -> ProgressReport:
    round_ = await june_round()
    return await submit_report(await reporter("双江镇"), report(round_), JUNE_1)


async def test_a_lead_returns_the_report_and_another_lead_accepts_it(db: DatabaseUrl) -> None:
    submitted = await _submitted_by_a_town()
    leads = {unit.name: unit.id for unit in await Unit.filter(name__in=LEADS_OF_7)}
    assert await reviewer_unit_ids(submitted) == [leads[name] for name in LEADS_OF_7]

    with pytest.raises(Invalid) as no_reason:
        await review_report(
            await reporter("区人力社保局"), submitted.id, Decision.RETURN, LATER, expected_version=1
        )
    assert no_reason.value.field == ("comment",)
    returned = await review_report(
        await reporter("区人力社保局"),
        submitted.id,
        Decision.RETURN,
        LATER,
        comment=" 请补充务工人数台账 ",
        expected_version=submitted.version,
    )
    assert (returned.status, returned.version) == (ReportStatus.RETURNED, 2)
    assert (returned.reviewed_by, returned.review_comment) == ("区人力社保局", "请补充务工人数台账")
    assert returned.reviewed_at == LATER

    town = await reporter("双江镇")
    round_ = await ReportingRound.get(id=returned.round_id)
    again = await submit_report(town, report(round_, expected_version=2), LATER)
    assert (again.status, again.version) == (ReportStatus.SUBMITTED, 3)
    accepted = await review_report(
        await reporter("区农业农村委"), again.id, Decision.ACCEPT, LATER, expected_version=3
    )
    assert (accepted.status, accepted.reviewed_by) == (ReportStatus.ACCEPTED, "区农业农村委")
    assert not accepted.review_comment  # accepting needs no comment
    assert await actions_on(submitted.id) == [
        "report.submitted",
        "report.returned",
        "report.submitted",
        "report.accepted",
    ]
    ndrc = await reporter("区发展改革委")
    with pytest.raises(Conflict) as decided:  # nothing left to review
        await review_report(ndrc, submitted.id, Decision.RETURN, LATER, "再看", expected_version=4)
    assert decided.value.field == ("reportId",)
    assert (await audit.verify_chain()).ok


async def test_only_the_tasks_leads_review_a_units_report(db: DatabaseUrl) -> None:
    submitted = await _submitted_by_a_town()
    events = await AuditEvent.all().count()

    with pytest.raises(Forbidden) as other_town:
        await review_report(
            await reporter("花岩镇"), submitted.id, Decision.ACCEPT, LATER, expected_version=1
        )
    assert "区人力社保局、区发展改革委、区农业农村委" in other_town.value.message
    assert other_town.value.field == ("reportId",)
    with pytest.raises(Forbidden, match="由该任务的牵头单位审核"):  # nor the office: a lead's job
        await review_report(OFFICE, submitted.id, Decision.ACCEPT, LATER, expected_version=1)
    with pytest.raises(Forbidden):  # nor the unit itself
        await review_report(
            await reporter("双江镇"), submitted.id, Decision.ACCEPT, LATER, expected_version=1
        )
    for role in (Role.SUPERVISOR, Role.VIEWER):
        with pytest.raises(PermissionDenied):
            await review_report(
                Actor(name="x", role=role), submitted.id, Decision.ACCEPT, LATER, expected_version=1
            )
    with pytest.raises(NotFound):
        await review_report(OFFICE, submitted.id + 1000, Decision.ACCEPT, LATER, expected_version=1)

    stored = await ProgressReport.get(id=submitted.id)
    assert (stored.status, stored.version, stored.reviewed_by) == (ReportStatus.SUBMITTED, 1, None)
    assert await AuditEvent.all().count() == events


async def test_the_office_reviews_a_leads_consolidated_report(db: DatabaseUrl) -> None:
    round_ = await june_round()
    hr = await reporter("区人力社保局")
    consolidated = await submit_report(
        hr, report(round_, summary="全区汇总", kind=ObligationKind.CONSOLIDATED), JUNE_1
    )
    assert consolidated.kind is ObligationKind.CONSOLIDATED
    assert await reviewer_unit_ids(consolidated) is None

    with pytest.raises(Forbidden, match="由督查办审核"):  # a fellow lead may not
        await review_report(
            await reporter("区发展改革委"),
            consolidated.id,
            Decision.ACCEPT,
            LATER,
            expected_version=1,
        )
    with pytest.raises(Forbidden, match="由督查办审核"):
        await review_report(hr, consolidated.id, Decision.ACCEPT, LATER, expected_version=1)
    accepted = await review_report(
        OFFICE, consolidated.id, Decision.ACCEPT, LATER, "汇总完整", expected_version=1
    )
    assert (accepted.status, accepted.reviewed_by, accepted.review_comment) == (
        ReportStatus.ACCEPTED,
        OFFICE.name,
        "汇总完整",
    )
    assert await actions_on(consolidated.id) == ["report.submitted", "report.accepted"]


async def test_a_stale_version_is_a_conflict(db: DatabaseUrl) -> None:
    submitted = await _submitted_by_a_town()
    events = await AuditEvent.all().count()
    hr = await reporter("区人力社保局")
    with pytest.raises(Conflict) as stale:
        await review_report(hr, submitted.id, Decision.ACCEPT, LATER, expected_version=99)
    assert stale.value.field == ("expectedVersion",)
    assert (await ProgressReport.get(id=submitted.id)).status is ReportStatus.SUBMITTED
    assert await AuditEvent.all().count() == events


async def test_the_audit_event_is_written_in_the_reviews_transaction(
    db: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When recording the event fails, the decision is not kept either."""
    submitted = await _submitted_by_a_town()

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit trail cannot be written")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit trail"):
        await review_report(
            await reporter("区人力社保局"), submitted.id, Decision.ACCEPT, LATER, expected_version=1
        )
    stored = await ProgressReport.get(id=submitted.id)
    assert (stored.status, stored.version, stored.reviewed_by) == (ReportStatus.SUBMITTED, 1, None)
    assert await actions_on(submitted.id) == ["report.submitted"]
