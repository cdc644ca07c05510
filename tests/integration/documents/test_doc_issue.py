"""Issuing documents on both backends: numbers in series and year, snapshots, refusals, audit;
and on PostgreSQL, twenty issues at once get twenty consecutive numbers."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from tortoise.exceptions import IntegrityError

from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role
from tongnan.domain.documents.context_snapshot import canonical_json, content_hash, load_snapshot
from tongnan.domain.documents.issuing import configured_prefixes, issue_document
from tongnan.domain.documents.kinds import DocumentKind, IssueRequest
from tongnan.domain.models import AuditEvent, Document, DocumentCounter, ReportingRound
from tongnan.domain.models.reporting import RoundKind
from tongnan.domain.models.supervision import SupervisionKind
from tongnan.domain.reporting.rounds import open_round
from tongnan.domain.supervision.supervisions import SupervisionDraft, create_supervision
from tongnan.domain.supervision.urging import issue_urge_notice
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver
from tongnan.server.documents.render import render_html

JULY = dt.datetime(2025, 7, 12, 9, 0, tzinfo=LOCAL_TZ)
BULLETIN = DocumentKind.PROGRESS_BULLETIN


async def _round() -> ReportingRound:
    opened = await open_round(
        OFFICE,
        "2025年6月调度",
        RoundKind.MONTHLY,
        dt.date(2025, 6, 25),
        GraphDutyResolver(),
        dt.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TZ),
    )
    return opened.round


async def test_numbers_follow_the_plan_notice_and_restart_each_year(db: DatabaseUrl) -> None:
    await import_seed()
    round_ = await _round()
    request = IssueRequest(kind=BULLETIN, round_id=round_.id)

    first = await issue_document(OFFICE, request, JULY)
    second = await issue_document(OFFICE, request, JULY + dt.timedelta(days=1))
    next_year = await issue_document(OFFICE, request, dt.datetime(2026, 1, 5, tzinfo=LOCAL_TZ))

    assert [d.code for d in (first, second, next_year)] == [
        "潼巩固专办发〔2025〕2号",  # 1号 is the plan notice itself
        "潼巩固专办发〔2025〕3号",
        "潼巩固专办发〔2026〕1号",
    ]
    assert (first.kind, first.series, first.year, first.number) == (
        BULLETIN,
        "潼巩固专办发",
        2025,
        2,
    )
    assert first.title == "关于2025年6月调度工作进展情况的通报"
    assert first.issued_on == dt.date(2025, 7, 12) and first.round_id == round_.id
    counters = await DocumentCounter.all().order_by("year").values_list("year", "last_number")
    assert counters == [(2025, 3), (2026, 1)]


async def test_the_snapshot_is_the_whole_context_and_reprints_the_same(db: DatabaseUrl) -> None:
    await import_seed()
    round_ = await _round()
    document = await issue_document(
        OFFICE, IssueRequest(kind=BULLETIN, round_id=round_.id, title=" 六月进展通报 "), JULY
    )
    stored = await Document.get(id=document.id)
    context = load_snapshot(stored.snapshot)

    assert canonical_json(context) == stored.snapshot  # byte for byte
    assert stored.content_hash == content_hash(stored.template, stored.snapshot)
    assert stored.template == "progress_bulletin.html" and stored.title == "六月进展通报"
    doc = context["doc"]
    assert doc["header"]["number"] == "潼巩固专办发〔2025〕2号"
    assert doc["letter"]["title"] == "六月进展通报" and doc["letter"]["date"] == "2025年7月12日"
    assert len(doc["tasks"]) == 22 and len(doc["ranking"]) > 20
    html = render_html(stored.template, context)
    assert "潼巩固专办发〔2025〕2号" in html and "<svg" in html
    events = await AuditEvent.filter(action="document.issued").values_list("object_id", "after")
    assert events == [
        (
            str(document.id),
            {
                "kind": BULLETIN.value,
                "code": "潼巩固专办发〔2025〕2号",
                "title": "六月进展通报",
                "plan": "潼巩固专办发〔2025〕1号",
                "content_hash": stored.content_hash,
            },
        )
    ]


async def test_a_kind_may_have_its_own_series(db: DatabaseUrl) -> None:
    await import_seed()
    await _round()
    notice = await issue_urge_notice(OFFICE, "区人力社保局", dt.date(2025, 7, 1), JULY)
    request = IssueRequest(kind=DocumentKind.URGE_NOTICE, urge_notice_id=notice.id)
    prefixes = configured_prefixes({"TONGNAN_DOCUMENT_PREFIXES": "urge-notice=潼巩固专办督"})

    urged = await issue_document(OFFICE, request, JULY, prefixes=prefixes)
    again = await issue_document(OFFICE, request, JULY, prefixes=prefixes)

    assert (urged.code, again.code) == ("潼巩固专办督〔2025〕1号", "潼巩固专办督〔2025〕2号")
    doc = load_snapshot(urged.snapshot)["doc"]
    assert doc["letter"]["addressees"] == "区人力社保局："
    assert doc["rows"] and "截至2025年7月1日" in doc["letter"]["paragraphs"][0]


async def test_refusals_store_nothing(db: DatabaseUrl) -> None:
    await import_seed()
    round_ = await _round()
    reporter = Actor("x", Role.UNIT_REPORTER, unit_id=1, unit_name="区民政局")
    cases: list[tuple[Actor, IssueRequest, type[Exception], tuple[str, ...]]] = [
        (reporter, IssueRequest(BULLETIN, round_id=round_.id), PermissionDenied, ()),
        (OFFICE, IssueRequest("memo"), Invalid, ("kind",)),
        (OFFICE, IssueRequest(BULLETIN), Invalid, ("roundId",)),
        (OFFICE, IssueRequest(BULLETIN, round_id=999), NotFound, ("roundId",)),
        (OFFICE, IssueRequest(DocumentKind.SUPERVISION_BULLETIN, supervision_id=9), NotFound, ()),
        (OFFICE, IssueRequest(DocumentKind.URGE_NOTICE, urge_notice_id=9), NotFound, ()),
        (OFFICE, IssueRequest(BULLETIN, plan_code="x〔2025〕9号", round_id=round_.id), Invalid, ()),
        (OFFICE, IssueRequest(BULLETIN, round_id=round_.id, title=" "), Invalid, ("title",)),
    ]
    for actor, request, error, field in cases:
        with pytest.raises(error) as raised:
            await issue_document(actor, request, JULY)
        if field:
            assert getattr(raised.value, "field", ()) == field
    assert await Document.all().count() == 0
    assert await DocumentCounter.all().count() == 0  # a refused issue takes no number


async def test_a_supervision_bulletin_waits_for_the_supervision_to_end(db: DatabaseUrl) -> None:
    await import_seed()
    draft = SupervisionDraft(
        kind=SupervisionKind.ON_SITE,
        title="2025年7月实地督查",
        starts_on=dt.date(2025, 7, 10),
        ends_on=dt.date(2025, 7, 15),
        unit_names=("双江镇",),
    )
    made = await create_supervision(OFFICE, draft, JULY)
    request = IssueRequest(DocumentKind.SUPERVISION_BULLETIN, supervision_id=made.id)
    with pytest.raises(Invalid) as raised:
        await issue_document(OFFICE, request, JULY)  # 12 July, the supervision runs to the 15th
    assert raised.value.field == ("supervisionId",)
    assert "督查尚未结束（督查至2025年7月15日）" in raised.value.message
    assert "不能在2025年7月12日印发督查通报" in raised.value.message
    assert await Document.all().count() == 0 and await DocumentCounter.all().count() == 0
    on_the_last_day = dt.datetime(2025, 7, 15, 17, 0, tzinfo=LOCAL_TZ)
    issued = await issue_document(OFFICE, request, on_the_last_day)
    assert issued.code == "潼巩固专办发〔2025〕2号"


async def test_a_number_is_used_once_whatever_the_counter_says(db: DatabaseUrl) -> None:
    await import_seed()
    round_ = await _round()
    document = await issue_document(OFFICE, IssueRequest(BULLETIN, round_id=round_.id), JULY)
    copied = "plan_id kind series year number code title issued_on issued_by template snapshot"
    fields = {k: getattr(document, k) for k in (*copied.split(), "content_hash", "created_at")}
    with pytest.raises(IntegrityError):
        await Document.create(**fields)


async def test_issues_at_once_in_one_process_get_distinct_numbers(db: DatabaseUrl) -> None:
    await import_seed()
    round_ = await _round()
    request = IssueRequest(BULLETIN, round_id=round_.id)
    issued = await asyncio.gather(*(issue_document(OFFICE, request, JULY) for _ in range(6)))
    assert sorted(d.number for d in issued) == [2, 3, 4, 5, 6, 7]


async def test_twenty_concurrent_issues_on_postgresql(pg_db_url: DatabaseUrl) -> None:
    """Twenty transactions at once, each on its own pooled connection: the counter row's lock
    queues them, and the numbers come out distinct and consecutive."""
    async with open_database(pg_db_url):
        await import_seed()
        round_ = await _round()
        request = IssueRequest(BULLETIN, round_id=round_.id)
        issued = await asyncio.gather(*(issue_document(OFFICE, request, JULY) for _ in range(20)))

        numbers = sorted(d.number for d in issued)
        assert numbers == list(range(2, 22))
        assert len({d.code for d in issued}) == 20
        assert [d.number for d in await Document.all().order_by("number")] == numbers
        counter = await DocumentCounter.get(series="潼巩固专办发", year=2025)
        assert counter.last_number == 21
        assert await AuditEvent.filter(action="document.issued").count() == 20
