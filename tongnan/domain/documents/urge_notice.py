"""The urge notice (催办通知) to one unit about its overdue items: from plain inputs or a row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tongnan.domain.common.errors import NotFound
from tongnan.domain.documents.formatting import cn_date, full_width
from tongnan.domain.documents.office import Office
from tongnan.domain.documents.parts import Imprint, Letter, RedHeader, imprint, letter, red_header
from tongnan.domain.models import UrgeNotice as UrgeNoticeRow

TEMPLATE = "urge_notice.html"
ATTACHMENT = "逾期工作任务清单"
TITLE = "关于督促办理逾期工作任务的通知"


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One overdue item: the task (label + title) or other item text, its due date, days late."""

    text: str
    due_date: dt.date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class UrgeRow:
    number: int
    text: str
    due: str
    overdue: str  # 12天


@dataclass(frozen=True, slots=True)
class UrgeNotice:
    header: RedHeader
    letter: Letter
    attachment_title: str
    rows: tuple[UrgeRow, ...]
    imprint: Imprint | None


def build_urge_notice(
    *,
    unit: str,
    items: Sequence[OverdueItem],
    issued_on: dt.date,
    number: str,
    issuer: str,
    plan_title: str | None = None,
    reply_days: int = 3,
    printed_by: str | None = None,
    cc: Sequence[str] = (),
    as_of: dt.date | None = None,
    title: str = TITLE,
) -> UrgeNotice:
    """The notice's values (pure). ``issuer`` is the office sending it (mark and signature);
    ``cc`` are the 抄送 units of the 版记; ``as_of`` the day the days overdue were counted
    (default: ``issued_on``)."""
    if not items:
        raise ValueError("催办通知至少要列出一项逾期事项")
    basis = f"按照《{plan_title}》责任分工" if plan_title else "按照年度工作责任分工"
    paragraphs = [
        f"{basis}，截至{cn_date(as_of or issued_on)}，你单位承担的{len(items)}项工作任务"
        f"已超过完成时限，尚未报送完成情况（详见附件）。",
        f"请高度重视，逐项分析原因，明确措施和完成时间，于{reply_days}个工作日内将办理情况"
        f"书面报送{full_width(issuer)}。逾期未报送的，将予以通报。",
        "特此通知。",
    ]
    rows = tuple(
        UrgeRow(
            number=k,
            text=full_width(item.text),
            due=cn_date(item.due_date),
            overdue=f"{item.days_overdue}天",
        )
        for k, item in enumerate(items, start=1)
    )
    return UrgeNotice(
        header=red_header(issuer, number),
        letter=letter(
            title=title,
            addressees=[unit],
            paragraphs=paragraphs,
            signature=issuer,
            date=issued_on,
            attachments=(ATTACHMENT,),
        ),
        attachment_title=ATTACHMENT,
        rows=rows,
        imprint=imprint(printed_by or issuer, issued_on, tuple(cc)),
    )


def urge_notice_context(notice: UrgeNotice) -> dict[str, UrgeNotice]:
    return {"doc": notice}


@dataclass(frozen=True, slots=True)
class UrgeSource:
    """A stored urge notice: the unit, its overdue items, the day they were counted."""

    plan_id: int
    unit: str
    as_of: dt.date
    items: tuple[OverdueItem, ...]


async def load_urge_source(notice_id: int) -> UrgeSource:
    """The stored UrgeNotice ``notice_id`` (two queries); NotFound when there is none."""
    row = await UrgeNoticeRow.get_or_none(id=notice_id).prefetch_related("unit")
    if row is None:
        raise NotFound(f"找不到第{notice_id}号催办通知，请刷新后重新选择", ("urgeNoticeId",))
    return UrgeSource(
        plan_id=row.plan_id,
        unit=row.unit.name,
        as_of=row.issued_on,
        items=tuple(
            OverdueItem(
                text=str(item["text"]),
                due_date=dt.date.fromisoformat(str(item["due_date"])),
                days_overdue=int(item["days_overdue"]),
            )
            for item in row.items
        ),
    )


def build_from_source(
    src: UrgeSource, *, number: str, issued_on: dt.date, office: Office, title: str | None = None
) -> UrgeNotice:
    """The notice for a stored row, dated the day it is issued, counted as of the row's day."""
    return build_urge_notice(
        unit=src.unit,
        items=src.items,
        issued_on=issued_on,
        number=number,
        issuer=office.issuer,
        plan_title=office.plan_title,
        printed_by=office.printed_by,
        as_of=src.as_of,
        title=title or TITLE,
    )
