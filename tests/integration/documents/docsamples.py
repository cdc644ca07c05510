"""Plain inputs for the urge notice, the bulletins and the ledger, made from the seed notice
(no database)."""

from __future__ import annotations

import datetime as dt

from tests.support.files import DIRECTORY_FILE
from tests.support.seed import seed_plan
from tongnan.domain.common.values import UnitKind
from tongnan.domain.directory import parse_directory
from tongnan.domain.documents import (
    progress_bulletin,
    rectification_ledger,
    supervision_bulletin,
    urge_notice,
)
from tongnan.domain.documents.office import Office
from tongnan.domain.documents.progress_source import (
    RoundSource,
    TargetOutcome,
    TaskProgress,
    UnitReporting,
)
from tongnan.domain.documents.rectification_ledger import LedgerItem, LedgerSource
from tongnan.domain.documents.supervision_bulletin import (
    FoundProblem,
    Requirement,
    SupervisionSource,
)
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.rules.targets import Attainment, TargetVerdict
from tongnan.domain.rules.warnings import WarningLevel

ISSUED_ON = dt.date(2025, 7, 12)
LEVELS = (WarningLevel.GREEN, WarningLevel.YELLOW, WarningLevel.RED)
RESULTS = (Attainment.ATTAINED, Attainment.NOT_ATTAINED, Attainment.PENDING)


def verdict(attainment: Attainment) -> TargetVerdict:
    """A verdict as the round's results give it, on each unit's own value."""
    missing = ("柏梓镇",) if attainment is Attainment.PENDING else ()
    failing = ("双江镇",) if attainment is Attainment.NOT_ATTAINED else ()
    return TargetVerdict(
        attainment,
        "按各单位报送值逐一判定，全部单位达标方为达标",
        None,
        False,
        None,
        missing,
        failing,
        (),
    )


def office() -> Office:
    plan = seed_plan()
    return Office(plan.issuer or "", plan.plan_title, plan.printed_by, plan.addressees)


def concrete_units() -> list[str]:
    entries = parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))
    kinds = (UnitKind.DEPARTMENT, UnitKind.TOWN, UnitKind.SUBDISTRICT)
    return [e.name for e in entries if e.kind in kinds]


def round_source(units: int = 30) -> RoundSource:
    """All 22 tasks; ``units`` units with varied on-time records."""
    names = concrete_units()[:units]
    tasks = []
    for k, task in enumerate(seed_plan().tasks):
        owed = 8 + k % 5
        tasks.append(
            TaskProgress(
                number=task.number,
                label=task.label,
                title=task.title,
                leads=task.lead_units,
                owed=owed,
                submitted=owed - k % 4,
                accepted=owed - k % 4 - k % 3,
                returned=k % 2,
                late=k % 3,
                level=LEVELS[k % 3],
                consolidated=tuple(
                    (lead, f"{task.title}工作有序推进，完成年度目标任务的{40 + k}%。")
                    for lead in task.lead_units[: 1 + k % 2]
                    if k % 5
                ),
                targets=tuple(
                    TargetOutcome(t.metric, t.unit_of_measure, verdict(RESULTS[(k + n) % 3]))
                    for n, t in enumerate(task.targets)
                ),
            )
        )
    return RoundSource(
        round_name="2025年6月调度",
        opened_on=dt.date(2025, 6, 1),
        due_date=dt.date(2025, 6, 25),
        as_of=ISSUED_ON,
        tasks=tuple(tasks),
        units=tuple(
            UnitReporting(name, owed=6 + k % 4, on_time=max(0, 6 + k % 4 - k % 7), late=k % 7 // 3)
            for k, name in enumerate(names)
        ),
    )


def progress_example(units: int = 30) -> progress_bulletin.ProgressBulletin:
    return progress_bulletin.build_progress_bulletin(
        round_source(units), number="潼巩固专办发〔2025〕2号", issued_on=ISSUED_ON, office=office()
    )


def supervision_source() -> SupervisionSource:
    return SupervisionSource(
        title="2025年6月随机抽查暗访",
        kind="随机抽查暗访",
        starts_on=dt.date(2025, 6, 20),
        ends_on=dt.date(2025, 6, 27),
        team=(("王督查", "组长"), ("李明", "成员")),
        units=("群力镇", "双江镇", "别口镇"),
        tasks=("（十九）强化防返贫监测", "（二十）落实帮扶措施"),
        drawn_from=20,
        seed="潼南-2025-抽查-8",
        notes="",
        findings=(
            FoundProblem("区级专项督查", "部分脱贫户收入监测数据与实际不符", "较重", ("双江镇",)),
            FoundProblem("市委巡视反馈", "防返贫监测帮扶措施落实不到位", "一般", ("别口镇",)),
        ),
        requirements=(
            Requirement(
                "双江镇", "逐户核实收入数据并更正", ("张三（副镇长）",), dt.date(2025, 7, 31)
            ),
            Requirement(
                "别口镇", "落实一户一策帮扶措施", ("王五（副镇长）",), dt.date(2025, 7, 10)
            ),
        ),
    )


def supervision_example() -> supervision_bulletin.SupervisionBulletin:
    return supervision_bulletin.build_supervision_bulletin(
        supervision_source(), number="潼巩固专办发〔2025〕3号", issued_on=ISSUED_ON, office=office()
    )


def ledger_source(rows: int = 24) -> LedgerSource:
    sources = ("中市考核评估", "市委巡视反馈", "“大走访大排查大整改”", "区级专项督查")
    units = concrete_units()
    statuses = list(RectificationStatus)
    return LedgerSource(
        scope="",
        as_of=ISSUED_ON,
        items=tuple(
            LedgerItem(
                source=sources[k % 4],
                description=f"第{k + 1}个问题：部分脱贫户收入监测数据与实际不符，动态监测不及时",
                measures="逐户核实收入数据并更正，建立收入监测数据比对机制" * (1 + k % 2),
                unit=units[k % len(units)],
                persons=("张三（副镇长）",),
                deadline=dt.date(2025, 6 + k % 4, 10 + k % 15),
                progress="已完成入户核实32户" if k % 3 else None,
                progress_on=dt.date(2025, 7, 5) if k % 3 else None,
                status=statuses[k % 4],
                days_overdue=(k % 5) * 3 if statuses[k % 4] in statuses[:2] else 0,
            )
            for k in range(rows)
        ),
    )


def ledger_example(rows: int = 24) -> rectification_ledger.RectificationLedger:
    return rectification_ledger.build_rectification_ledger(
        ledger_source(rows), number="潼巩固专办发〔2025〕4号", issued_on=ISSUED_ON, office=office()
    )


def urge_example(unit: str = "区人力社保局") -> urge_notice.UrgeNotice:
    plan = seed_plan()
    items = [
        urge_notice.OverdueItem(t.label + t.title, dt.date(2025, 6, 30), days)
        for t, days in zip(plan.tasks[6:9], (12, 5, 1), strict=True)
    ]
    return urge_notice.build_urge_notice(
        unit=unit,
        items=items,
        issued_on=dt.date(2025, 7, 12),
        number="潼巩固专办发〔2025〕5号",
        issuer=plan.issuer or "",
        plan_title=plan.plan_title,
        printed_by=plan.printed_by,
        cc=["区委办公室", "区政府办公室"],
    )
