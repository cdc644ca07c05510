"""The one registry of document kinds, and how each is prepared from stored data.

Two families: the plan's own documents (``PLAN_DOCUMENTS``: 印发通知, 责任分工表), rebuilt from
the stored plan and never numbered; and the kinds the office issues (``KINDS``, the
``DocumentKind`` enum of the API), numbered and stored with a snapshot of what they said.

``prepare`` reads what the document says (inside the issuing transaction) and returns a draft
whose ``build(number)`` gives the full template context once the number is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.documents import (
    division_table,
    plan_notice,
    progress_bulletin,
    rectification_ledger,
    supervision_bulletin,
    urge_notice,
)
from tongnan.domain.documents.office import Office, office_of
from tongnan.domain.documents.progress_source import load_round_source
from tongnan.domain.models import ReportingRound, Supervision, WorkPlan
from tongnan.domain.models import UrgeNotice as UrgeNoticeRow
from tongnan.domain.rules.warnings import WarningPolicy


class DocumentKind(StrEnum):
    """What the office issues: 进展通报, 督查通报, 整改台账, 催办通知."""

    PROGRESS_BULLETIN = "progress-bulletin"
    SUPERVISION_BULLETIN = "supervision-bulletin"
    RECTIFICATION_LEDGER = "rectification-ledger"
    URGE_NOTICE = "urge-notice"


PROGRESS_BULLETIN = DocumentKind.PROGRESS_BULLETIN
SUPERVISION_BULLETIN = DocumentKind.SUPERVISION_BULLETIN
RECTIFICATION_LEDGER = DocumentKind.RECTIFICATION_LEDGER
URGE_NOTICE = DocumentKind.URGE_NOTICE


@dataclass(frozen=True, slots=True)
class IssueRequest:
    """What to issue: the kind and what it is made from (ids are database keys)."""

    kind: str
    plan_code: str | None = None
    round_id: int | None = None
    supervision_id: int | None = None
    urge_notice_id: int | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A document read from storage, waiting for its number."""

    kind: str
    plan: WorkPlan
    title: str
    template: str
    build: Callable[[str], dict[str, Any]]  # 发文字号 -> template context
    round_id: int | None = None
    supervision_id: int | None = None
    urge_notice_id: int | None = None


Preparer = Callable[[IssueRequest, dt.date, WarningPolicy], Awaitable[Draft]]


async def _plan_of(plan_id: int, code: str | None) -> WorkPlan:
    plan = await WorkPlan.get(id=plan_id)
    if code is not None and plan.code != code:
        raise Invalid(
            f"所选内容属于工作方案{plan.code}，不属于工作方案{code}，请核对", ("planCode",)
        )
    return plan


_SOURCE_WORDS = {
    "roundId": "哪一次调度",
    "supervisionId": "哪一次督查",
    "urgeNoticeId": "哪一次催办",
}


def _need(value: int | None, field: str, kind: str) -> int:
    if value is None:
        raise Invalid(f"出具{kind}要先选定{_SOURCE_WORDS[field]}", (field,))
    return value


async def _progress(request: IssueRequest, today: dt.date, policy: WarningPolicy) -> Draft:
    round_id = _need(request.round_id, "roundId", "调度通报")
    round_ = await ReportingRound.get_or_none(id=round_id)
    if round_ is None:
        raise NotFound(f"找不到第{round_id}号调度，请刷新后重新选择", ("roundId",))
    plan = await _plan_of(round_.plan_id, request.plan_code)
    src = await load_round_source(round_id, today, policy)
    office = office_of(plan)
    title = request.title or progress_bulletin.default_title(src.round_name)

    def build(number: str) -> dict[str, Any]:
        doc = progress_bulletin.build_progress_bulletin(
            src, number=number, issued_on=today, office=office, title=title
        )
        return {"doc": doc}

    return Draft(PROGRESS_BULLETIN, plan, title, progress_bulletin.TEMPLATE, build, round_id)


async def _supervision(request: IssueRequest, today: dt.date, policy: WarningPolicy) -> Draft:
    key = _need(request.supervision_id, "supervisionId", "督查通报")
    row = await Supervision.get_or_none(id=key)
    if row is None:
        raise NotFound(f"找不到第{key}号督查，请刷新后重新选择", ("supervisionId",))
    plan = await _plan_of(row.plan_id, request.plan_code)
    supervision_bulletin.require_finished(row.starts_on, row.ends_on, today)
    src = await supervision_bulletin.load_supervision_source(key)
    office = office_of(plan)
    title = request.title or supervision_bulletin.default_title(src.title)

    def build(number: str) -> dict[str, Any]:
        doc = supervision_bulletin.build_supervision_bulletin(
            src, number=number, issued_on=today, office=office, title=title
        )
        return {"doc": doc}

    return Draft(
        SUPERVISION_BULLETIN, plan, title, supervision_bulletin.TEMPLATE, build, supervision_id=key
    )


async def _ledger(request: IssueRequest, today: dt.date, policy: WarningPolicy) -> Draft:
    plan = await current_plan(request.plan_code)
    src = await rectification_ledger.load_ledger_source(plan.id, today, request.supervision_id)
    office = office_of(plan)
    title = request.title or rectification_ledger.default_title(office.plan_title, src.scope)

    def build(number: str) -> dict[str, Any]:
        doc = rectification_ledger.build_rectification_ledger(
            src, number=number, issued_on=today, office=office, title=title
        )
        return {"doc": doc}

    return Draft(
        RECTIFICATION_LEDGER,
        plan,
        title,
        rectification_ledger.TEMPLATE,
        build,
        supervision_id=request.supervision_id,
    )


async def _urge(request: IssueRequest, today: dt.date, policy: WarningPolicy) -> Draft:
    key = _need(request.urge_notice_id, "urgeNoticeId", "催办通知")
    src = await urge_notice.load_urge_source(key)
    plan = await _plan_of(src.plan_id, request.plan_code)
    office: Office = office_of(plan)
    title = request.title or urge_notice.TITLE

    def build(number: str) -> dict[str, Any]:
        doc = urge_notice.build_from_source(
            src, number=number, issued_on=today, office=office, title=title
        )
        return {"doc": doc}

    return Draft(URGE_NOTICE, plan, title, urge_notice.TEMPLATE, build, urge_notice_id=key)


KINDS: dict[str, Preparer] = {
    PROGRESS_BULLETIN: _progress,
    SUPERVISION_BULLETIN: _supervision,
    RECTIFICATION_LEDGER: _ledger,
    URGE_NOTICE: _urge,
}


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """A document of the plan itself: its template and how to build its context from a plan code."""

    kind: str
    title: str
    template: str
    context: Callable[[str | None], Awaitable[Mapping[str, Any]]]


PLAN_DOCUMENTS: dict[str, PlanDocument] = {
    d.kind: d
    for d in (
        PlanDocument(
            "plan-notice",
            "印发通知及工作要点",
            plan_notice.TEMPLATE,
            plan_notice.plan_notice_context,
        ),
        PlanDocument(
            "division-table",
            "责任分工表",
            division_table.TEMPLATE,
            division_table.division_table_context,
        ),
    )
}


def printable_kinds() -> tuple[str, ...]:
    """Every kind that can be printed: the plan's documents first, then the issued kinds."""
    return (*PLAN_DOCUMENTS, *KINDS)


async def prepare(request: IssueRequest, today: dt.date, policy: WarningPolicy) -> Draft:
    """The draft of ``request``'s document; Invalid for an unknown kind or a missing source."""
    preparer = KINDS.get(request.kind)
    if preparer is None:
        known = ", ".join(sorted(KINDS))
        raise Invalid(f"没有“{request.kind}”这种文件，可以出具的有：{known}", ("kind",))
    return await preparer(request, today, policy)


async def urge_notice_ids(plan_code: str | None = None) -> list[int]:
    """Every stored urge notice of the plan, in the order they were made."""
    plan = await current_plan(plan_code)
    ids = (
        await UrgeNoticeRow.filter(plan_id=plan.id)
        .order_by("sequence")
        .values_list("id", flat=True)
    )
    return [int(str(k)) for k in ids]
