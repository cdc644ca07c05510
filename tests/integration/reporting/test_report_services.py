"""Reporting use cases called directly (no GraphQL): open a round, save, submit, retry, refuse."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.integration.reporting.seed import DUE, JUNE_1, actions_on, june_round, report
from tests.support.seed import OFFICE, reporter
from tongnan.domain.common import audit
from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid, NotFound
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.models import AuditEvent, IdempotencyKey, Obligation, ProgressReport
from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundKind, RoundStatus
from tongnan.domain.reporting.reports import save_draft, submit_report
from tongnan.domain.reporting.rounds import close_round, open_round
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver

LATER = JUNE_1 + dt.timedelta(days=2)


async def test_opening_a_round_records_every_report_owed(db: DatabaseUrl) -> None:
    opened = await june_round(7)
    owed = await Obligation.filter(round_id=opened.id)
    assert opened.status is RoundStatus.OPEN and opened.task_numbers == [7]
    assert len(owed) == 22 + 3  # every town via 各镇街, and each lead's consolidated report
    assert sum(o.kind is ObligationKind.CONSOLIDATED for o in owed) == 3
    assert await AuditEvent.filter(action="round.opened").count() == 1

    with pytest.raises(Conflict) as same_name:
        await open_round(
            OFFICE, "2025年6月调度", RoundKind.MONTHLY, DUE, GraphDutyResolver(), JUNE_1
        )
    assert same_name.value.field == ("name",)
    with pytest.raises(NotFound) as no_task:
        await open_round(
            OFFICE, "另一轮", RoundKind.AD_HOC, DUE, GraphDutyResolver(), JUNE_1, task_numbers=[99]
        )
    assert no_task.value.field == ("taskNumbers",)
    with pytest.raises(PermissionDenied):
        await open_round(
            await reporter("双江镇"), "又一轮", RoundKind.AD_HOC, DUE, GraphDutyResolver(), JUNE_1
        )
    assert await AuditEvent.filter(action="round.opened").count() == 1


async def test_a_draft_then_an_on_time_submission(db: DatabaseUrl) -> None:
    round_ = await june_round()
    town = await reporter("双江镇")
    events = await AuditEvent.all().count()

    draft = await save_draft(town, report(round_), JUNE_1)
    assert (draft.status, draft.version, draft.submitted_at) == (ReportStatus.DRAFT, 1, None)
    edited = await save_draft(town, report(round_, completion=45, expected_version=1), LATER)
    assert (edited.status, edited.version, edited.completion) == (ReportStatus.DRAFT, 2, 45)

    submitted = await submit_report(town, report(round_, expected_version=2), LATER)
    assert submitted.id == draft.id
    assert (submitted.status, submitted.version) == (ReportStatus.SUBMITTED, 3)
    assert submitted.late is False
    assert submitted.submitted_at == LATER

    # the audit trail has one event per write, in the order written, and the chain holds
    assert await actions_on(draft.id) == ["report.saved", "report.saved", "report.submitted"]
    assert await AuditEvent.all().count() == events + 3
    assert (await audit.verify_chain()).ok

    with pytest.raises(Conflict) as locked:  # submitted: only a review can change it now
        await save_draft(town, report(round_, summary="改一下", expected_version=3), LATER)
    assert locked.value.field == ("taskNumber",)
    assert (await ProgressReport.get(id=draft.id)).summary == "开发公益性岗位120个"


async def test_a_submission_after_the_due_date_is_taken_and_marked_late(db: DatabaseUrl) -> None:
    round_ = await june_round()
    last_minute = dt.datetime(2025, 6, 25, 23, 59, tzinfo=LOCAL_TZ)
    on_time = await submit_report(await reporter("双江镇"), report(round_), last_minute)
    next_day = dt.datetime(2025, 6, 26, 0, 1, tzinfo=LOCAL_TZ)
    late = await submit_report(await reporter("花岩镇"), report(round_), next_day)
    assert (on_time.status, on_time.late) == (ReportStatus.SUBMITTED, False)
    assert (late.status, late.late) == (ReportStatus.SUBMITTED, True)
    # the due date is a 潼南 calendar day: 23:30 UTC on the 25th is already the 26th there
    utc = dt.datetime(2025, 6, 25, 23, 30, tzinfo=dt.UTC)
    assert (await submit_report(await reporter("桂林街道"), report(round_), utc)).late is True


async def test_a_retry_with_the_same_key_returns_the_first_report(db: DatabaseUrl) -> None:
    round_ = await june_round()
    town = await reporter("双江镇")
    first = await submit_report(town, report(round_, idempotency_key="sj-2025-06-7"), JUNE_1)
    events = await AuditEvent.all().count()

    again = await submit_report(town, report(round_, idempotency_key="sj-2025-06-7"), LATER)
    assert (again.id, again.version, again.submitted_at) == (first.id, 1, JUNE_1)
    assert await AuditEvent.all().count() == events  # a retry writes nothing

    with pytest.raises(Conflict) as reused:  # the same key for another payload
        await submit_report(
            town, report(round_, completion=90, idempotency_key="sj-2025-06-7"), LATER
        )
    assert reused.value.field == ("idempotencyKey",)
    stored = await ProgressReport.get(id=first.id)
    assert (stored.completion, stored.version) == (40, 1)
    assert await IdempotencyKey.all().count() == 1
    assert await AuditEvent.all().count() == events


async def test_a_stale_expected_version_is_a_conflict(db: DatabaseUrl) -> None:
    round_ = await june_round()
    town = await reporter("双江镇")
    draft = await save_draft(town, report(round_), JUNE_1)
    await save_draft(town, report(round_, summary="第二稿", expected_version=1), JUNE_1)
    events = await AuditEvent.all().count()

    with pytest.raises(Conflict) as stale:
        await submit_report(town, report(round_, summary="第一稿改", expected_version=1), LATER)
    assert stale.value.field == ("expectedVersion",)
    stored = await ProgressReport.get(id=draft.id)
    assert (stored.status, stored.version, stored.summary) == (ReportStatus.DRAFT, 2, "第二稿")
    assert await AuditEvent.all().count() == events


async def test_a_lead_sending_a_unit_report_is_told_it_owes_a_consolidated_one(
    db: DatabaseUrl,
) -> None:
    round_ = await june_round(7)
    lead = await reporter("区人力社保局")
    with pytest.raises(Forbidden) as wrong_kind:
        await submit_report(lead, report(round_), JUNE_1)
    assert wrong_kind.value.field == ("taskNumber",)
    assert "区人力社保局是第7项任务的牵头单位" in wrong_kind.value.message
    assert "应报送汇总报告（kind: CONSOLIDATED）" in wrong_kind.value.message
    assert "owes no" not in wrong_kind.value.message
    assert await ProgressReport.all().count() == 0


async def test_a_unit_with_no_duty_is_refused_and_nothing_is_stored(db: DatabaseUrl) -> None:
    round_ = await june_round(7, 14)
    town = await reporter("双江镇")
    with pytest.raises(Forbidden) as no_duty:
        await submit_report(town, report(round_, 14), JUNE_1)
    assert no_duty.value.field == ("taskNumber",)
    assert "双江镇在2025年6月调度中不需要就第14项任务报送报告" in no_duty.value.message
    with pytest.raises(Forbidden, match="只需报送本单位报告"):
        await save_draft(town, report(round_, kind=ObligationKind.CONSOLIDATED), JUNE_1)
    with pytest.raises(Forbidden):  # task 8 is in the plan but not in this round
        await submit_report(town, report(round_, 8), JUNE_1)
    with pytest.raises(PermissionDenied):  # the office writes no unit's report
        await submit_report(OFFICE, report(round_), JUNE_1)
    with pytest.raises(Invalid) as bad:
        await save_draft(town, report(round_, completion=101), JUNE_1)
    assert bad.value.field == ("completion",)
    assert await ProgressReport.all().count() == 0
    assert await AuditEvent.filter(object_type="ProgressReport").count() == 0


async def test_a_closed_round_takes_no_reports(db: DatabaseUrl) -> None:
    round_ = await june_round()
    town = await reporter("双江镇")
    draft = await save_draft(town, report(round_), JUNE_1)
    closed = await close_round(OFFICE, round_.id, LATER, expected_version=1)
    assert (closed.status, closed.closed_at) == (RoundStatus.CLOSED, LATER)

    with pytest.raises(Invalid) as refused:
        await submit_report(town, report(round_, expected_version=1), LATER)
    assert refused.value.field == ("roundId",)
    assert (await ProgressReport.get(id=draft.id)).status is ReportStatus.DRAFT
    with pytest.raises(Conflict):
        await close_round(OFFICE, round_.id, LATER, expected_version=1)
    with pytest.raises(NotFound):
        await submit_report(town, replace(report(round_), round_id=round_.id + 1), LATER)
    assert await actions_on(draft.id) == ["report.saved"]
    assert await AuditEvent.filter(action="round.closed").count() == 1


async def test_the_audit_event_is_written_in_the_reports_transaction(
    db: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When recording the event fails, the report and its idempotency key are not kept either."""
    round_ = await june_round()
    town = await reporter("双江镇")

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit trail cannot be written")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit trail"):
        await submit_report(town, report(round_, idempotency_key="k1"), JUNE_1)
    assert await ProgressReport.all().count() == 0
    assert await IdempotencyKey.all().count() == 0

    monkeypatch.undo()
    submitted = await submit_report(town, report(round_, idempotency_key="k1"), JUNE_1)
    assert await actions_on(submitted.id) == ["report.submitted"]
