"""Use case: issue an official document (发文) with the next number of its series and year.

One transaction reads what the document says, takes the number (a counter row per series and
year, bumped by one atomic upsert that locks the row until commit), stores the document with
its snapshot (the full template context as canonical JSON) and records the audit event. The
PDF is rendered later, by the server, from the stored snapshot.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from tortoise import connections
from tortoise.exceptions import IntegrityError

from tongnan.domain import notifications
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import may_read, require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.documents.context_snapshot import canonical_json, content_hash
from tongnan.domain.documents.kinds import IssueRequest, prepare
from tongnan.domain.models import Document, UrgeNotice, WorkPlan
from tongnan.domain.rules.numbering import (
    BadDocumentNumber,
    format_number,
    highest_used,
    parse_prefixes,
    prefix_for,
)
from tongnan.domain.rules.warnings import WarningPolicy

PREFIXES_ENV = "TONGNAN_DOCUMENT_PREFIXES"
MAX_TITLE = 200

_UPSERT = {
    "postgres": (
        "INSERT INTO document_counter (series, year, last_number) VALUES ($1, $2, $3) "
        "ON CONFLICT (series, year) DO UPDATE SET last_number = "
        "GREATEST(document_counter.last_number, EXCLUDED.last_number - 1) + 1 "
        "RETURNING last_number"
    ),
    "sqlite": (
        "INSERT INTO document_counter (series, year, last_number) VALUES (?, ?, ?) "
        "ON CONFLICT (series, year) DO UPDATE SET last_number = "
        "MAX(document_counter.last_number, excluded.last_number - 1) + 1 "
        "RETURNING last_number"
    ),
}


def configured_prefixes(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``TONGNAN_DOCUMENT_PREFIXES=urge-notice=潼巩固专办督,…``: a prefix per kind."""
    text = (os.environ if environ is None else environ).get(PREFIXES_ENV, "")
    try:
        return parse_prefixes(text)
    except BadDocumentNumber as exc:
        raise Invalid(f"发文字号设置（{PREFIXES_ENV}）有误：{exc}") from None


async def take_number(series: str, year: int) -> int:
    """The next serial number of ``series`` in ``year``. Call inside the issuing transaction:
    the counter row stays locked until it commits, so concurrent issues queue up and never
    share a number. Numbers already used by stored plans (the plan notice is 1号) are skipped."""
    codes = await WorkPlan.all().values_list("code", flat=True)
    floor = highest_used([str(c) for c in codes], series, year)
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    rows = await conn.execute_query_dict(_UPSERT[dialect], [series, year, floor + 1])
    return int(rows[0]["last_number"])


async def issue_document(
    actor: Actor,
    request: IssueRequest,
    now: dt.datetime,
    *,
    policy: WarningPolicy | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Document:
    """Issue the document ``request`` describes, numbered and stored with its snapshot."""
    require(actor, "document.issue")
    if request.title is not None and not 0 < len(request.title.strip()) <= MAX_TITLE:
        raise Invalid(f"文件标题不能为空，最多{MAX_TITLE}字", ("title",))
    request = IssueRequest(
        kind=request.kind,
        plan_code=request.plan_code,
        round_id=request.round_id,
        supervision_id=request.supervision_id,
        urge_notice_id=request.urge_notice_id,
        title=request.title.strip() if request.title else None,
    )
    today = local_date(now)
    series = prefix_for(request.kind, configured_prefixes() if prefixes is None else prefixes)
    try:
        async with UnitOfWork() as uow:
            draft = await prepare(request, today, policy or WarningPolicy())
            number = await take_number(series, today.year)
            code = format_number(series, today.year, number)
            snapshot = canonical_json(draft.build(code))
            document = await Document.create(
                plan_id=draft.plan.id,
                kind=draft.kind,
                series=series,
                year=today.year,
                number=number,
                code=code,
                title=draft.title,
                issued_on=today,
                issued_by=actor.name,
                round_id=draft.round_id,
                supervision_id=draft.supervision_id,
                urge_notice_id=draft.urge_notice_id,
                template=draft.template,
                snapshot=snapshot,
                content_hash=content_hash(draft.template, snapshot),
                created_at=now,
            )
            await audit.record(
                actor,
                "document.issued",
                "Document",
                document.id,
                None,
                {
                    "kind": draft.kind,
                    "code": code,
                    "title": draft.title,
                    "plan": draft.plan.code,
                    "content_hash": document.content_hash,
                },
                now=now,
            )
            await notifications.document_issued(document, now, uow)
            uow.changed("document", draft.plan.id)
    except IntegrityError:  # the UNIQUE (series, year, number): the counter was bypassed
        raise Conflict(
            f"文号{series}〔{today.year}〕已被占用，请重新印发一次",
            ("kind",),
        ) from None
    return document


async def _addressee(document: Document) -> int | None:
    """The one unit a document is addressed to (an urge notice's unit); None: every unit."""
    if document.urge_notice_id is None:
        return None
    notice = await UrgeNotice.get_or_none(id=document.urge_notice_id).only("id", "unit_id")
    return notice.unit_id if notice is not None else None


def _reads(actor: Actor, addressee: int | None) -> bool:
    return may_read(actor, "document.read", actor.unit_id if addressee is None else addressee)


async def list_documents(
    actor: Actor, kind: str | None = None, plan_code: str | None = None
) -> list[Document]:
    """Issued documents the actor may read, newest first (of one kind and plan, when given)."""
    require_read(actor, "document.read", actor.unit_id)
    query = Document.all()
    if kind is not None:
        query = query.filter(kind=kind)
    if plan_code is not None:
        query = query.filter(plan__code=plan_code)
    rows = await query.order_by("-issued_on", "-id")
    addressees = {
        n.id: n.unit_id
        for n in await UrgeNotice.filter(
            id__in=[r.urge_notice_id for r in rows if r.urge_notice_id is not None]
        ).only("id", "unit_id")
    }
    return [
        row
        for row in rows
        if _reads(actor, None if row.urge_notice_id is None else addressees.get(row.urge_notice_id))
    ]


async def get_document(actor: Actor, document_id: int) -> Document:
    """A document the actor may read (NOT_FOUND for one addressed to another unit)."""
    require_read(actor, "document.read", actor.unit_id)
    document = await Document.get_or_none(id=document_id)
    if document is None or not _reads(actor, await _addressee(document)):
        raise NotFound(f"没有编号为 {document_id} 的公文", ("id",))
    return document
