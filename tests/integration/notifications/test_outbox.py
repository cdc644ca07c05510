"""The outbox is written in the causing use case's transaction: each event queues one
notification per unit concerned (and one delivery per enabled channel), and a use case that
fails leaves none."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.notifications.seed import (
    deliveries_of,
    dingtalk_for,
    install_test_key,
    notes_of,
    open_june,
    unit_id,
)
from tests.integration.reporting.seed import DUE, JUNE_1, june_round, report
from tests.support.seed import OFFICE, import_seed, reporter
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.documents.issuing import issue_document
from tongnan.domain.documents.kinds import DocumentKind, IssueRequest
from tongnan.domain.models import Notification, NotificationDelivery, Obligation, ProgressReport
from tongnan.domain.models.notifications import DeliveryStatus, NotificationEvent
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.outbox import enqueue
from tongnan.domain.reporting import reviews
from tongnan.domain.reporting.reports import submit_report
from tongnan.domain.reporting.reviews import Decision, review_report
from tongnan.domain.supervision.urging import issue_urge_notice

LATER = JUNE_1 + dt.timedelta(days=2)


@pytest.fixture(autouse=True)
def _key() -> None:
    install_test_key()


async def test_opening_a_round_tells_each_owing_unit_once_with_its_due_date(
    db: DatabaseUrl,
) -> None:
    await import_seed()
    await dingtalk_for("双江镇")
    round_ = await open_june()
    owing = {int(u) for (u,) in await Obligation.filter(round_id=round_.id).values_list("unit_id")}
    notes = await Notification.filter(event=NotificationEvent.ROUND_OPENED)
    assert {n.unit_id for n in notes} == owing and len(notes) == len(owing)
    assert all("2025年6月25日" in n.body for n in notes)
    assert all(n.link == f"/#/rounds/{round_.id}" for n in notes)
    # only 双江镇 has a channel: one delivery, pending, with its own key
    deliveries = await NotificationDelivery.all()
    assert [d.notification_id for d in deliveries] == [(await notes_of("双江镇"))[0].id]
    assert deliveries[0].status is DeliveryStatus.PENDING
    assert deliveries[0].idempotency_key.startswith("tn-")
    assert deliveries[0].next_attempt_at == JUNE_1  # stored in UTC, the same moment


async def test_a_returned_report_tells_its_unit_and_a_failed_review_tells_nobody(
    db: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_ = await june_round()
    submitted = await submit_report(await reporter("双江镇"), report(round_), JUNE_1)
    lead = await reporter("区人力社保局")

    def broken(*args: object) -> dict[str, object]:
        raise RuntimeError("写入中途失败")

    monkeypatch.setattr(reviews, "report_event", broken)  # fails after the outbox write
    with pytest.raises(RuntimeError):
        await review_report(
            lead, submitted.id, Decision.RETURN, LATER, comment="请补充台账", expected_version=1
        )
    assert not await Notification.filter(event=NotificationEvent.REPORT_RETURNED).exists()
    assert (await ProgressReport.get(id=submitted.id)).status is ReportStatus.SUBMITTED

    monkeypatch.undo()
    await review_report(
        lead, submitted.id, Decision.RETURN, LATER, comment="请补充台账", expected_version=1
    )
    [note] = await Notification.filter(event=NotificationEvent.REPORT_RETURNED)
    assert note.unit_id == await unit_id("双江镇")
    assert "请补充台账" in note.body and "区人力社保局" in note.body


async def test_an_outbox_write_rolls_back_with_its_transaction(db: DatabaseUrl) -> None:
    await import_seed()
    await dingtalk_for("双江镇")
    message = templates.round_opened("测试调度", DUE, 1, "/#/rounds/1")
    town = await unit_id("双江镇")

    async def failing_use_case() -> None:
        async with UnitOfWork():
            await enqueue([town], "test:1", message, JUNE_1)
            raise ZeroDivisionError  # the event fails after its notification was written

    with pytest.raises(ZeroDivisionError):
        await failing_use_case()
    assert await Notification.all().count() == 0
    assert await NotificationDelivery.all().count() == 0


async def test_the_same_event_is_queued_once_per_unit(db: DatabaseUrl) -> None:
    await import_seed()
    town = await unit_id("双江镇")
    message = templates.round_opened("测试调度", DUE, 1, "/#/rounds/1")
    async with UnitOfWork():
        first = await enqueue([town, town], "test:1", message, JUNE_1)
    async with UnitOfWork():
        again = await enqueue([town], "test:1", message, JUNE_1)
    assert (len(first), again) == (1, [])


async def test_an_urge_notice_and_its_issued_document_reach_the_unit(db: DatabaseUrl) -> None:
    round_ = await june_round()
    late = dt.date(2025, 7, 2)
    now = dt.datetime(2025, 7, 2, 2, 0, tzinfo=dt.UTC)
    notice = await issue_urge_notice(OFFICE, "双江镇", late, now)
    document = await issue_document(
        OFFICE, IssueRequest(kind=DocumentKind.URGE_NOTICE, urge_notice_id=notice.id), now
    )
    events = [(n.event, n.link) for n in await notes_of("双江镇")]
    assert (NotificationEvent.URGE_ISSUED, f"/#/urge-notices/{notice.id}") in events
    assert (NotificationEvent.DOCUMENT_ISSUED, f"/documents/{document.id}.pdf") in events
    # the document went to the unit it is addressed to, and no other
    assert await Notification.filter(event=NotificationEvent.DOCUMENT_ISSUED).count() == 1
    assert round_.id  # the round made the report overdue


async def test_a_deliveries_list_shows_nothing_for_a_unit_without_channels(
    db: DatabaseUrl,
) -> None:
    await june_round()
    assert await deliveries_of("花岩镇") == []


async def test_a_rejected_verification_tells_the_responsible_unit(db: DatabaseUrl) -> None:
    from tests.integration.supervision.seed import SUPERVISOR, finding, item
    from tongnan.domain.models import RectificationItem
    from tongnan.domain.supervision.findings import create_finding
    from tongnan.domain.supervision.rectification import record_progress, reject_item

    await import_seed()
    made = await create_finding(SUPERVISOR, finding(item("双江镇", dt.date(2025, 9, 30))), LATER)
    [mine] = await RectificationItem.filter(finding_id=made.id)
    town = await reporter("双江镇")
    await record_progress(town, mine.id, 1, dt.date(2025, 6, 2), "已整改", LATER, complete=True)
    await reject_item(OFFICE, mine.id, 2, "抽查发现仍有3户未更正", LATER)
    [note] = await Notification.filter(event=NotificationEvent.ITEM_REJECTED)
    assert note.unit_id == await unit_id("双江镇")
    assert "抽查发现仍有3户未更正" in note.body
    assert note.link == f"/#/rectification/{mine.id}"
