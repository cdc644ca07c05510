"""The progress bulletin (进展通报) of a reporting round, from plain inputs (pure).

A letter (一、总体情况 二、存在的问题 三、下步工作要求); 附件1 the tasks (landscape table:
status, lead units, consolidated progress, targets, three-colour level); 附件2 the units ranked by
on-time reporting, with a bar chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tongnan.domain.documents.chart import BarChart, percent, rate_chart
from tongnan.domain.documents.formatting import cn_date, full_width, join_units
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
from tongnan.domain.documents.progress_source import (
    RoundSource,
    TargetOutcome,
    TaskProgress,
    UnitReporting,
)
from tongnan.domain.rules.ranking import Rank, rank
from tongnan.domain.rules.targets import Attainment
from tongnan.domain.rules.warnings import WarningLevel

TEMPLATE = "progress_bulletin.html"
TASKS_TITLE = "各项任务进展情况表"
RANKING_TITLE = "各单位按时报送情况排名"
LEVEL_LABELS = {WarningLevel.RED: "红色", WarningLevel.YELLOW: "黄色", WarningLevel.GREEN: "绿色"}
ATTAINMENT_LABELS = {
    Attainment.ATTAINED: "达标",
    Attainment.NOT_ATTAINED: "未达标",
    Attainment.NO_DATA: "暂无数据",
    Attainment.NOT_EVALUABLE: "报送数值有误，无法判定",
    Attainment.PENDING: "待定",
}


@dataclass(frozen=True, slots=True)
class TargetLine:
    verdict: str  # 全区脱贫群众就业总体规模：达标
    basis: str  # 按牵头单位（区人力社保局）审核通过的汇总值判定，判定值24300人。


@dataclass(frozen=True, slots=True)
class TaskRow:
    number: int
    task: str
    leads: str
    owed: int
    submitted: int
    accepted: int
    returned: int
    progress: tuple[str, ...]  # 区人力社保局：… (the leads' consolidated summaries)
    targets: tuple[TargetLine, ...]  # each target's verdict and the rule that produced it
    level: str  # GREEN / YELLOW / RED
    level_label: str  # 绿色 / 黄色 / 红色


@dataclass(frozen=True, slots=True)
class RankRow:
    rank: str  # 第1 / 并列第2
    unit: str
    owed: int
    on_time: int
    late: int
    missing: int
    rate: str


@dataclass(frozen=True, slots=True)
class ProgressBulletin:
    header: RedHeader
    letter: Letter
    parts: tuple[Part, ...]
    tasks_title: str
    tasks: tuple[TaskRow, ...]
    ranking_title: str
    ranking: tuple[RankRow, ...]
    chart: BarChart
    imprint: Imprint | None


def default_title(round_name: str) -> str:
    return f"关于{round_name}工作进展情况的通报"


def rank_units(units: tuple[UnitReporting, ...]) -> list[tuple[Rank, UnitReporting]]:
    """Best on-time rate first (then more reports on time, then the given order); equal rates
    (compared exactly, as fractions) share a rank: 第1, 并列第2, 并列第2, 第4."""

    def exact(u: UnitReporting) -> Fraction:
        return Fraction(u.on_time, u.owed) if u.owed else Fraction(1)

    ranked = rank(
        list(enumerate(units)),
        value=lambda p: exact(p[1]),
        order=lambda p: (-exact(p[1]), -p[1].on_time, p[0]),
    )
    return [(place, unit) for place, (_, unit) in ranked]


def _number(value: Decimal, unit: str | None) -> str:
    whole = value == value.to_integral_value()
    text = format(value.quantize(Decimal(1)) if whole else value.normalize(), "f")
    return text + (unit or "")


def _some(names: tuple[str, ...], most: int = 5) -> str:
    """花岩镇、崇龛镇 or, for a long list, 花岩镇、崇龛镇…等20个单位."""
    if len(names) <= most:
        return "、".join(names)
    return f"{'、'.join(names[:most])}等{len(names)}个单位"


def target_line(t: TargetOutcome) -> TargetLine:
    """A target's verdict as the bulletin prints it, with the rule, the value judged, whether
    it is provisional, and the units still missing or falling short."""
    v = t.verdict
    label = ATTAINMENT_LABELS[v.attainment]
    if v.provisional and v.attainment is Attainment.ATTAINED:
        label += "（暂定）"
    basis = [v.rule]
    if v.value is not None:
        judged = "各单位已报数合计" if v.provisional else "判定值"
        basis.append(f"{judged}{_number(v.value, t.unit_of_measure)}")
    if v.threshold is not None and v.value is not None:
        basis.append(f"目标值{_number(v.threshold, t.unit_of_measure)}")
    if v.missing_units:
        basis.append(f"尚未报送：{_some(v.missing_units)}")
    if v.unallocated_units:
        basis.append(f"尚未分解：{_some(v.unallocated_units)}")
    if v.failing_units:
        basis.append(f"未达标单位：{_some(v.failing_units)}")
    quota = [f"{u.unit}{u.completion}%" for u in v.units if u.completion is not None]
    if quota:
        basis.append(f"完成率：{'、'.join(quota)}")
    return TargetLine(full_width(f"{t.metric}：{label}"), full_width("，".join(basis) + "。"))


def _task_row(task: TaskProgress) -> TaskRow:
    return TaskRow(
        number=task.number,
        task=full_width(task.label + task.title),
        leads=join_units(task.leads),
        owed=task.owed,
        submitted=task.submitted,
        accepted=task.accepted,
        returned=task.returned,
        progress=tuple(full_width(f"{unit}：{text}") for unit, text in task.consolidated)
        or ("牵头单位尚未报送汇总情况。",),
        targets=tuple(target_line(t) for t in task.targets),
        level=task.level.value,
        level_label=LEVEL_LABELS[task.level],
    )


def _overview(src: RoundSource) -> list[str]:
    owed = sum(t.owed for t in src.tasks)
    submitted = sum(t.submitted for t in src.tasks)
    on_time = sum(u.on_time for u in src.units)
    levels = [t.level for t in src.tasks]
    targets = [o.attainment for t in src.tasks for o in t.targets]
    paragraphs = [
        f"本轮调度涉及重点任务{len(src.tasks)}项、责任单位{len(src.units)}个，应报送进展情况"
        f"{owed}份。截至{cn_date(src.as_of)}，已报送{submitted}份（其中审核通过"
        f"{sum(t.accepted for t in src.tasks)}份、逾期报送{sum(t.late for t in src.tasks)}份），"
        f"被退回修改{sum(t.returned for t in src.tasks)}份，尚未报送"
        f"{owed - submitted - sum(t.returned for t in src.tasks)}份，按时报送率"
        f"{percent(on_time / owed if owed else 1.0)}。",
        f"从三色预警情况看，{levels.count(WarningLevel.RED)}项任务为红色（有责任单位逾期未报送），"
        f"{levels.count(WarningLevel.YELLOW)}项任务为黄色（临近时限未报送或被退回修改），"
        f"{levels.count(WarningLevel.GREEN)}项任务为绿色。",
    ]
    if targets:
        unreadable = targets.count(Attainment.NOT_EVALUABLE)
        paragraphs.append(
            f"本轮纳入调度的量化指标{len(targets)}项，已达标"
            f"{targets.count(Attainment.ATTAINED)}项，未达标"
            f"{targets.count(Attainment.NOT_ATTAINED)}项，待定"
            f"{targets.count(Attainment.PENDING) + targets.count(Attainment.NO_DATA)}项"
            "（尚缺单位报送值或牵头单位汇总值）"
            + (f"，报送数值有误无法判定{unreadable}项" if unreadable else "")
            + "。"
        )
    return paragraphs


def _problems(src: RoundSource) -> list[str]:
    out = []
    red = [t for t in src.tasks if t.level is WarningLevel.RED]
    if red:
        names = "、".join(t.label + t.title for t in red[:3])
        more = f"等{len(red)}项任务" if len(red) > 3 else ""
        out.append(f"部分任务报送滞后。{names}{more}仍有责任单位逾期未报送进展情况。")
    behind = [u for u in src.units if u.missing > 0]
    if behind:
        worst = sorted(behind, key=lambda u: (-u.missing, u.rate))[:5]
        out.append(
            f"部分单位报送不及时。{len(behind)}个单位存在未报送情况，其中"
            f"{'、'.join(u.name for u in worst)}未报送份数较多。"
        )
    short = [
        o.metric for t in src.tasks for o in t.targets if o.attainment is Attainment.NOT_ATTAINED
    ]
    if short:
        out.append(f"部分指标尚未达到目标要求。{'、'.join(short[:3])}等{len(short)}项指标未达标。")
    unreadable = [
        o.metric for t in src.tasks for o in t.targets if o.attainment is Attainment.NOT_EVALUABLE
    ]
    if unreadable:
        out.append(
            f"部分指标报送数值有误。{'、'.join(unreadable[:3])}等{len(unreadable)}项指标的报送数值"
            "无法识别，无法判定是否达标，请相关单位核实后重新报送。"
        )
    return out or ["本轮调度各项任务均按要求报送，未发现突出问题。"]


REQUIREMENTS = (
    "各责任单位要对照任务分工，逐项梳理工作进展，对尚未报送的于3个工作日内补报，对被退回修改的"
    "按审核意见修改完善后重新报送。各牵头单位要切实履行牵头责任，及时汇总、审核责任单位报送情况，"
    "确保数据真实准确。对连续两次逾期报送的单位，将按有关规定予以通报。"
)


def build_progress_bulletin(
    src: RoundSource, *, number: str, issued_on: dt.date, office: Office, title: str | None = None
) -> ProgressBulletin:
    """The bulletin's values (pure): ``number`` is its 发文字号 (or a draft's blank one)."""
    intro = (
        f"按照《{office.plan_title}》工作安排，我办于{cn_date(src.opened_on)}开展{src.round_name}，"
        f"要求各责任单位于{cn_date(src.due_date)}前报送工作进展情况。现将有关情况通报如下。"
    )
    ranked = rank_units(src.units)
    return ProgressBulletin(
        header=red_header(office.issuer, number),
        letter=letter(
            title=title or default_title(src.round_name),
            addressees=office.addressees,
            paragraphs=[intro],
            signature=office.issuer,
            date=issued_on,
            attachments=(TASKS_TITLE, RANKING_TITLE),
        ),
        parts=(
            part("一、总体情况", _overview(src)),
            part("二、存在的问题", _problems(src)),
            part("三、下步工作要求", [REQUIREMENTS]),
        ),
        tasks_title=TASKS_TITLE,
        tasks=tuple(_task_row(t) for t in src.tasks),
        ranking_title=RANKING_TITLE,
        ranking=tuple(
            RankRow(
                place.label,
                full_width(u.name),
                u.owed,
                u.on_time,
                u.late,
                u.missing,
                percent(u.rate),
            )
            for place, u in ranked
        ),
        chart=rate_chart([(u.name, u.rate) for _, u in ranked]),
        imprint=imprint(office.printed_by, issued_on),
    )
