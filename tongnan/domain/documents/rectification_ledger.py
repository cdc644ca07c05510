"""The rectification ledger (整改台账) as an official table: one landscape row per item, the
header repeated on every page. Loader from the stored ledger, then a pure builder.

A voided item (作废) stays in the table, struck through and marked 已作废 with its reason, and is
left out of the summary's counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tongnan.domain.common.errors import NotFound
from tongnan.domain.documents.formatting import cn_date, full_width
from tongnan.domain.documents.office import Office
from tongnan.domain.models import Finding, RectificationItem, Supervision, Unit
from tongnan.domain.models.supervision import STATUS_LABELS, RectificationStatus
from tongnan.domain.rules.rectification import days_overdue

TEMPLATE = "rectification_ledger.html"
HEADER = (
    "序号",
    "问题来源",
    "问题描述",
    "整改措施",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "状态",
)


@dataclass(frozen=True, slots=True)
class LedgerItem:
    source: str
    description: str
    measures: str
    unit: str
    persons: tuple[str, ...]
    deadline: dt.date
    progress: str | None
    progress_on: dt.date | None
    status: RectificationStatus
    days_overdue: int
    void_reason: str | None = None  # 作废的原因; None: not voided

    @property
    def voided(self) -> bool:
        return self.void_reason is not None


@dataclass(frozen=True, slots=True)
class LedgerSource:
    scope: str  # "" for the whole plan, or the supervision's title
    as_of: dt.date
    items: tuple[LedgerItem, ...]


@dataclass(frozen=True, slots=True)
class LedgerRow:
    number: int
    source: str
    description: str
    measures: str
    unit: str
    persons: str
    deadline: str
    progress: str
    status: str  # 整改中（逾期12天）, or 已作废（原因）
    overdue: bool
    voided: bool = False


@dataclass(frozen=True, slots=True)
class RectificationLedger:
    title: str
    number: str
    as_of: str  # 截至2025年7月12日
    summary: str  # 共5项：已销号1项、已完成1项、整改中2项、待整改1项；逾期1项
    header: tuple[str, ...]
    rows: tuple[LedgerRow, ...]


def default_title(plan_title: str, scope: str) -> str:
    """重庆市潼南区2025年巩固拓展脱贫攻坚成果问题整改台账, or 〈督查〉发现问题整改台账."""
    if scope:
        return f"{scope}发现问题整改台账"
    return f"{plan_title.removesuffix('工作要点')}问题整改台账"


def _status(item: LedgerItem) -> str:
    if item.void_reason is not None:
        return f"已作废（{item.void_reason}）" if item.void_reason else "已作废"
    label = STATUS_LABELS[item.status]
    return f"{label}（逾期{item.days_overdue}天）" if item.days_overdue else label


def _summary(every: tuple[LedgerItem, ...]) -> str:
    items = tuple(i for i in every if not i.voided)
    voided = len(every) - len(items)
    tail = f"；另已作废{voided}项，不计入" if voided else ""
    if not items:
        return "共0项" + tail
    parts = [
        f"{STATUS_LABELS[s]}{n}项"
        for s in reversed(list(RectificationStatus))
        if (n := sum(i.status is s for i in items))
    ]
    overdue = sum(1 for i in items if i.days_overdue)
    return (
        f"共{len(items)}项：{'、'.join(parts)}" + (f"；逾期{overdue}项" if overdue else "") + tail
    )


def build_rectification_ledger(
    src: LedgerSource,
    *,
    number: str,
    issued_on: dt.date,
    office: Office,
    title: str | None = None,
) -> RectificationLedger:
    """The ledger's values (pure)."""
    rows = tuple(
        LedgerRow(
            number=k,
            source=full_width(i.source),
            description=full_width(i.description),
            measures=full_width(i.measures),
            unit=full_width(i.unit),
            persons="、".join(full_width(p) for p in i.persons),
            deadline=cn_date(i.deadline),
            progress=full_width(
                f"{i.progress}（{i.progress_on.month}月{i.progress_on.day}日）"
                if i.progress and i.progress_on
                else i.progress or "—"
            ),
            status=_status(i),
            overdue=i.days_overdue > 0 and not i.voided,
            voided=i.voided,
        )
        for k, i in enumerate(src.items, start=1)
    )
    return RectificationLedger(
        title=full_width(title or default_title(office.plan_title, src.scope)),
        number=full_width(number),
        as_of=f"截至{cn_date(src.as_of)}",
        summary=_summary(src.items),
        header=HEADER,
        rows=rows,
    )


async def load_ledger_source(
    plan_id: int, today: dt.date, supervision_id: int | None = None
) -> LedgerSource:
    """The plan's ledger (or one supervision's part of it) as of ``today``, in ledger order
    (finding, then item): four queries."""
    scope = ""
    findings = Finding.filter(plan_id=plan_id)
    if supervision_id is not None:
        supervision = await Supervision.get_or_none(id=supervision_id, plan_id=plan_id)
        if supervision is None:
            raise NotFound(
                f"该工作方案中没有第{supervision_id}号督查，请核对后重新选择", ("supervisionId",)
            )
        scope = supervision.title
        findings = findings.filter(supervision_id=supervision_id)
    by_id = {f.id: f for f in await findings}
    items = await RectificationItem.filter(plan_id=plan_id, finding_id__in=list(by_id)).order_by(
        "finding_id", "id"
    )
    ids = {i.responsible_unit_id for i in items}
    units = {u.id: u.name for u in await Unit.filter(id__in=ids).only("id", "name")}

    def item(row: RectificationItem) -> LedgerItem:
        finding = by_id[row.finding_id]
        voided = row.voided_at is not None
        return LedgerItem(
            source=finding.source_name,
            description=finding.description,
            measures=row.measures,
            unit=units[row.responsible_unit_id],
            persons=tuple(
                f"{p['name']}（{p['post']}）" if p.get("post") else p["name"]
                for p in row.responsible_persons
                if p.get("name")
            ),
            deadline=row.deadline,
            progress=row.latest_progress,
            progress_on=row.latest_progress_on,
            status=row.status,
            days_overdue=0 if voided else days_overdue(row.deadline, row.status, today),
            void_reason=(row.void_reason or "") if voided else None,
        )

    return LedgerSource(scope=scope, as_of=today, items=tuple(item(r) for r in items))
