"""The supervision bulletin (督查通报) of one supervision: what was checked, what was found (by
source), and what must be rectified by when. Loader from stored rows, then a pure builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common.errors import Invalid, NotFound
from tongnan.domain.documents.formatting import cn_date, full_width
from tongnan.domain.documents.office import Office
from tongnan.domain.documents.parts import (
    Imprint,
    Letter,
    Part,
    RedHeader,
    imprint,
    letter,
    part,
    red_header,
)
from tongnan.domain.models import Finding, RectificationItem, Supervision, Task, Unit
from tongnan.domain.models.supervision import KIND_LABELS, SEVERITY_LABELS, FindingSource

TEMPLATE = "supervision_bulletin.html"
CN_NUMBERS = "一二三四五六七八九十"
REQUIREMENT = (
    "各相关单位要高度重视督查发现的问题，对照整改要求逐项制定整改措施，明确责任人和完成时限，"
    "整改完成后5个工作日内将整改情况书面报送我办。我办将适时开展“回头看”，"
    "对整改不力、逾期未完成的单位予以通报。"
)


@dataclass(frozen=True, slots=True)
class FoundProblem:
    source: str  # 区级专项督查 (the source's printed name)
    description: str
    severity: str  # 一般 / 较重 / 严重
    units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    unit: str
    measures: str
    persons: tuple[str, ...]  # 张三（副镇长）
    deadline: dt.date


@dataclass(frozen=True, slots=True)
class SupervisionSource:
    title: str
    kind: str  # 随机抽查暗访
    starts_on: dt.date
    ends_on: dt.date | None
    team: tuple[tuple[str, str], ...]  # (name, post)
    units: tuple[str, ...]
    tasks: tuple[str, ...]  # （十九）…
    drawn_from: int | None  # how many candidates a spot check drew from
    seed: str | None
    notes: str
    findings: tuple[FoundProblem, ...]
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class SupervisionBulletin:
    header: RedHeader
    letter: Letter
    parts: tuple[Part, ...]
    imprint: Imprint | None


def default_title(supervision_title: str) -> str:
    return f"关于{supervision_title.removesuffix('情况')}情况的通报"


def _team(team: Sequence[tuple[str, str]]) -> str:
    if not team:
        return ""
    leaders = [n for n, post in team if "组长" in post and "副" not in post]
    others = [n for n, _ in team if n not in leaders]
    text = f"组长：{'、'.join(leaders)}" if leaders else ""
    if others:
        text += ("；" if text else "") + f"成员：{'、'.join(others)}"
    return f"督查组（{text}）"


def _checked(src: SupervisionSource) -> list[str]:
    dates = cn_date(src.starts_on)
    if src.ends_on and src.ends_on != src.starts_on:
        dates += f"至{cn_date(src.ends_on)}"
    tasks = "、".join(src.tasks[:3]) + (f"等{len(src.tasks)}项任务" if len(src.tasks) > 3 else "")
    units = "、".join(src.units)
    who = f"由{_team(src.team)}" if src.team else ""
    what = f"{units}等{len(src.units)}个单位" if len(src.units) > 1 else units or "有关单位"
    text = f"{dates}，{who}采取{src.kind}方式，对{what}"
    text += f"承担的{tasks}落实情况进行了督查。" if tasks else "工作任务落实情况进行了督查。"
    out = [text]
    if src.seed is not None:
        out.append(
            f"督查对象以随机抽签方式确定，从{src.drawn_from or len(src.units)}个候选单位中"
            f"抽取{len(src.units)}个（随机种子：{src.seed}），抽签结果可复核。"
        )
    notes = _notes(src.notes)
    if notes:
        out.append(f"其他情况：{notes}")
    return out


def _notes(text: str) -> str:
    """The supervision's free notes as one sentence run: lines joined, a full stop at the end."""
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    joined = "；".join(ln.rstrip("。；;，,") for ln in lines if ln)
    return full_width(joined) + "。" if joined else ""


def _found(src: SupervisionSource) -> list[str | tuple[str, str]]:
    if not src.findings:
        return ["本次督查未发现问题。"]
    out: list[str | tuple[str, str]] = []
    sources = list(dict.fromkeys(f.source for f in src.findings))
    for k, source in enumerate(sources):
        out.append((f"（{CN_NUMBERS[k % 10]}）{source}发现的问题。", ""))
        mine = [f for f in src.findings if f.source == source]
        for n, f in enumerate(mine, start=1):
            units = f"涉及{'、'.join(f.units)}；" if f.units else ""
            out.append(f"{n}.{f.description.rstrip('。')}（{units}问题等级：{f.severity}）。")
    return out


def _required(src: SupervisionSource) -> list[str | tuple[str, str]]:
    out: list[str | tuple[str, str]] = []
    for n, r in enumerate(src.requirements, start=1):
        persons = f"责任人：{'、'.join(r.persons)}；" if r.persons else ""
        out.append(
            f"{n}.{r.unit}：{r.measures.rstrip('。')}。{persons}整改时限：{cn_date(r.deadline)}前。"
        )
    out.append(REQUIREMENT)
    return out


def build_supervision_bulletin(
    src: SupervisionSource,
    *,
    number: str,
    issued_on: dt.date,
    office: Office,
    title: str | None = None,
) -> SupervisionBulletin:
    """The bulletin's values (pure)."""
    intro = (
        f"为推动《{office.plan_title}》各项任务落到实处，我办组织开展了{src.title}。"
        "现将有关情况通报如下。"
    )
    return SupervisionBulletin(
        header=red_header(office.issuer, number),
        letter=letter(
            title=title or default_title(src.title),
            addressees=office.addressees,
            paragraphs=[intro],
            signature=office.issuer,
            date=issued_on,
        ),
        parts=(
            part("一、督查基本情况", _checked(src)),
            part("二、发现的主要问题", _found(src)),
            part("三、整改要求", _required(src)),
        ),
        imprint=imprint(office.printed_by, issued_on),
    )


def require_finished(starts_on: dt.date, ends_on: dt.date | None, issued_on: dt.date) -> None:
    """A bulletin reports a supervision that is over: Invalid when ``issued_on`` is before its
    last day (its first day when no end is set)."""
    last = ends_on or starts_on
    if issued_on < last:
        when = f"督查至{cn_date(last)}" if ends_on else f"督查{cn_date(last)}开始"
        raise Invalid(
            f"督查尚未结束（{when}），不能在{cn_date(issued_on)}印发督查通报，"
            f"请在{cn_date(last)}及以后印发，或先修改督查的结束日期。",
            ("supervisionId",),
        )


def _persons(records: list[dict[str, str]]) -> tuple[str, ...]:
    return tuple(
        f"{p['name']}（{p['post']}）" if p.get("post") else p["name"]
        for p in records
        if p.get("name")
    )


async def load_supervision_source(supervision_id: int) -> SupervisionSource:
    """The supervision with its findings and their items (five queries)."""
    row = await Supervision.get_or_none(id=supervision_id)
    if row is None:
        raise NotFound(f"找不到第{supervision_id}号督查，请刷新后重新选择", ("supervisionId",))
    findings = await Finding.filter(supervision_id=row.id).order_by("found_on", "id")
    order = list(FindingSource)
    findings.sort(key=lambda f: order.index(f.source))
    items = await RectificationItem.filter(
        finding_id__in=[f.id for f in findings], voided_at__isnull=True
    ).order_by("finding_id", "deadline", "id")
    unit_ids = set(row.unit_ids) | {u for f in findings for u in f.unit_ids}
    unit_ids |= {i.responsible_unit_id for i in items}
    units = {u.id: u.name for u in await Unit.filter(id__in=unit_ids)}
    tasks = {
        t.number: full_width(t.label + t.title)
        for t in await Task.filter(plan_id=row.plan_id, number__in=row.task_numbers)
    }
    position = {f.id: k for k, f in enumerate(findings)}
    items.sort(key=lambda i: (position[i.finding_id], i.deadline, i.id))
    draw: dict[str, Any] = row.draw or {}
    return SupervisionSource(
        title=row.title,
        kind=KIND_LABELS[row.kind],
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        team=tuple((m.get("name", ""), m.get("post", "")) for m in row.team if m.get("name")),
        units=tuple(units[u] for u in row.unit_ids if u in units),
        tasks=tuple(tasks[n] for n in row.task_numbers if n in tasks),
        drawn_from=len(draw["tickets"]) if draw.get("tickets") else None,
        seed=str(draw["seed"]) if draw.get("seed") is not None else None,
        notes=row.notes,
        findings=tuple(
            FoundProblem(
                f.source_name,
                f.description,
                SEVERITY_LABELS[f.severity],
                tuple(units[u] for u in f.unit_ids if u in units),
            )
            for f in findings
        ),
        requirements=tuple(
            Requirement(
                units[i.responsible_unit_id],
                i.measures,
                _persons(i.responsible_persons),
                i.deadline,
            )
            for i in items
        ),
    )
