"""The real 2025 Tongnan notice parses into exactly its sections, tasks, units and targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tongnan.domain.common.values import Comparator
from tongnan.domain.parsing import ParsedPlan, ParsedTarget, parse_notice

NOTICE = Path(__file__).resolve().parents[3] / "data" / "plans" / "tongnan-2025-work-points.txt"

ALL = "区巩固拓展脱贫攻坚成果专班成员单位"
TOWNS = "各镇街"
AGRI = "区农业农村委"
HR = "区人力社保局"
NDRC = "区发展改革委"
FUNDED = "各衔接资金项目实施主管部门"

# (number, label, title, lead units, responsible units), exactly as written in the notice, except
# that labels always use full-width brackets (the file itself writes a half-width "(一)").
TASKS: list[tuple[int, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (1, "(一)", "用好“渝悦·防贫”应用", (AGRI,), (ALL, TOWNS)),
    (
        2,
        "(二)",
        "提高精准帮扶质效",
        (AGRI,),
        (ALL, "派出驻乡驻村干部和结对帮扶干部单位", TOWNS),
    ),
    (3, "(三)", "巩固提升“两不愁三保障”及饮水安全保障水平", (ALL,), (TOWNS,)),
    (4, "(四)", "扎实推进“四个一批”", (AGRI,), (FUNDED, "相关镇街")),
    (5, "(五)", "健全联农带农机制", (AGRI,), (TOWNS,)),
    (6, "(六)", "加强帮扶产业投入保障", (AGRI, "区政府办金融服务中心"), (TOWNS,)),
    (7, "(七)", "稳定务工规模", (HR, NDRC, AGRI), (TOWNS,)),
    (8, "(八)", "提升就业质量", (HR, AGRI), (TOWNS,)),
    (9, "(九)", "强化保障服务", (HR, AGRI), (TOWNS,)),
    (10, "(十)", "开展重点镇村帮扶", ("区财政局", AGRI), (ALL, "相关镇街")),
    (11, "(十一)", "加大易地搬迁后续扶持", (NDRC, AGRI, HR, "区民政局"), ("相关镇街",)),
    (12, "(十二)", "全面摸清底数", (AGRI,), (FUNDED, "相关镇街")),
    (13, "(十三)", "规范管理运营", (AGRI,), (FUNDED, "相关镇街")),
    (14, "(十四)", "深化消费帮扶", ("区商务委",), ("各消费帮扶责任单位",)),
    (
        15,
        "(十五)",
        "持续做好驻村帮扶",
        ("区委组织部", AGRI),
        ("派出驻乡驻村干部单位", TOWNS),
    ),
    (16, "(十六)", "深化社会力量帮扶", ("区工商联", AGRI), (TOWNS,)),
    (17, "(十七)", "强化政策支持", (AGRI,), (ALL, TOWNS)),
    (18, "(十八)", "强化智志双扶", (AGRI,), (TOWNS,)),
    (19, "(十九)", "强化督查考核", (AGRI,), (TOWNS,)),
    (20, "(二十)", "强化问题整改", (AGRI,), ("各问题整改责任单位", TOWNS)),
    (21, "(二十一)", "强化队伍建设", (AGRI,), (TOWNS,)),
    (22, "(二十二)", "强化宣传引导", (AGRI,), (TOWNS,)),
]

SECTIONS = [
    (1, "一", "健全常态化防止返贫致贫监测帮扶机制", 15, [1, 2, 3]),
    (2, "二", "推动帮扶产业高质量发展", 19, [4, 5, 6]),
    (3, "三", "促进脱贫人口稳岗就业", 23, [7, 8, 9]),
    (4, "四", "全面增强脱贫地区脱贫人口发展能力", 27, [10, 11]),
    (5, "五", "健全帮扶项目资产长效管理机制", 30, [12, 13]),
    (6, "六", "凝聚各方帮扶力量", 33, [14, 15, 16]),
    (7, "七", "强化保障支撑", 37, [17, 18, 19, 20, 21, 22]),
]

GE, EQ, INCREASE = Comparator.GE, Comparator.EQ, Comparator.INCREASE
# Every target in the notice, by task number; all other tasks have none.
# Metric choices for the count targets: 至少1人就业 -> "<subject>就业人数",
# 至少有1个产业增收项目 -> "<subject>产业增收项目数", 1户1人以上就业 -> "<subject>每户就业人数";
# 分解…指导性计划到各单位 -> "<plan>完成额" (each unit's share set by the office).
TARGETS: dict[int, tuple[ParsedTarget, ...]] = {
    2: (
        ParsedTarget(
            "低收入群体年人均纯收入", GE, Decimal("8700"), "元", None,
            "低收入群体年人均纯收入不低于8700元",
        ),
    ),
    3: (
        ParsedTarget(
            "执业(助理)医师资格人数占比", INCREASE, None, None, 2024,
            "执业(助理)医师资格人数占比较2024年度有增长",
        ),
        ParsedTarget(
            "低收入人口和脱贫人口基本医保参保率", GE, Decimal("99"), "%", None,
            "低收入人口和脱贫人口基本医保参保率达99%以上",
        ),
        ParsedTarget("饮水问题", EQ, Decimal("0"), None, None, "饮水问题动态清零"),
    ),
    7: (
        ParsedTarget(
            "有劳动能力有就业意愿的脱贫家庭就业人数", GE, Decimal("1"), "人", None,
            "有劳动能力有就业意愿的脱贫家庭至少1人就业",
        ),
        ParsedTarget(
            "全区脱贫群众就业总体规模", GE, Decimal("24000"), "人", None,
            "全区脱贫群众就业总体规模稳定在2.4万人以上",
        ),
    ),
    11: (
        ParsedTarget(
            "有意愿有劳动能力的搬迁脱贫户产业增收项目数", GE, Decimal("1"), "个", None,
            "有意愿有劳动能力的搬迁脱贫户至少有1个产业增收项目",
        ),
        ParsedTarget(
            "有就业意愿且有劳动能力的搬迁脱贫户每户就业人数", GE, Decimal("1"), "人", None,
            "有就业意愿且有劳动能力的搬迁脱贫户实现1户1人以上就业",
        ),
    ),
    14: (
        ParsedTarget(
            "消费帮扶指导性计划完成额", GE, None, None, None,
            "分解2025年消费帮扶指导性计划到各单位",
        ),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_notice(NOTICE.read_text(encoding="utf-8"))


def test_every_task_has_its_number_label_title_and_units(plan: ParsedPlan) -> None:
    got = [(t.number, t.label, t.title, t.lead_units, t.responsible_units) for t in plan.tasks]
    assert got == TASKS


def test_tasks_start_on_their_lines_and_bodies_drop_only_the_annotation(plan: ParsedPlan) -> None:
    lines = NOTICE.read_text(encoding="utf-8").split("\n")
    assert [t.line for t in plan.tasks] == [
        16, 17, 18, 20, 21, 22, 24, 25, 26, 28, 29, 31, 32, 34, 35, 36, 38, 39, 40, 41, 42, 43
    ]  # fmt: skip
    for task in plan.tasks:
        source = lines[task.line - 1]
        as_written = task.label  # canonical labels are written as the file writes them
        assert source.startswith(as_written + task.body)
        assert source.removeprefix(as_written + task.body).startswith("(牵头单位:")
        assert task.body.startswith(task.title + "。")
        assert "牵头单位" not in task.body


def test_sections(plan: ParsedPlan) -> None:
    got = [(s.number, s.label, s.title, s.line, [t.number for t in s.tasks]) for s in plan.sections]
    assert got == SECTIONS


def test_header_fields(plan: ParsedPlan) -> None:
    assert plan.code == "潼巩固专办发〔2025〕1号"
    assert plan.title == "关于印发《重庆市潼南区2025年巩固拓展脱贫攻坚成果工作要点》的通知"
    assert plan.plan_title == "重庆市潼南区2025年巩固拓展脱贫攻坚成果工作要点"
    assert plan.issuer == (
        "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
    )
    assert plan.issued_on == dt.date(2025, 4, 27)
    assert plan.addressees == (
        "各镇街",
        "区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班成员单位",
    )
    assert plan.parent_code == "渝巩固专办发〔2025〕1号"
    assert plan.parent_title == (
        "中共重庆市委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
        "关于印发全市2025年巩固拓展脱贫攻坚成果工作要点的通知"
    )
    assert plan.letter.startswith("根据《中共重庆市委农村工作")
    assert plan.letter.endswith("请结合职责抓好贯彻执行。")
    assert plan.preamble == (
        "为扎实做好2025年巩固拓展脱贫攻坚成果工作,确保过渡期圆满收官,特制定如下工作要点。"
    )
    assert plan.printed_by == "中共重庆市潼南区委巩固拓展脱贫攻坚成果工作专班办公室"
    assert plan.printed_on == dt.date(2025, 4, 27)
    assert plan.full_text == NOTICE.read_text(encoding="utf-8")


def test_every_target(plan: ParsedPlan) -> None:
    got = {t.number: t.targets for t in plan.tasks if t.targets}
    assert got == TARGETS


def test_plan_serialises_to_json(plan: ParsedPlan) -> None:
    data = plan.to_json()
    assert data["issued_on"] == "2025-04-27"
    assert len(data["sections"]) == 7
    employed = data["sections"][2]["tasks"][0]["targets"][1]
    assert employed["threshold"] == "24000"
    assert employed["comparator"] == "GE"
