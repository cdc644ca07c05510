"""The real plan 潼巩固专办发〔2025〕1号, written literally (tongnan-2025-work-points.txt)."""

from __future__ import annotations

from tongnan.domain.common.values import Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import PlanSnapshot

from .builders import PlanBuilder

OFFICE = "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"

DEPARTMENTS = (
    "区农业农村委",
    "区政府办金融服务中心",
    "区人力社保局",
    "区发展改革委",
    "区财政局",
    "区民政局",
    "区商务委",
    "区委组织部",
)
OTHERS = ("区工商联",)
SUBDISTRICTS = ("梓潼街道", "桂林街道")
TOWNS = tuple(
    f"{name}镇"
    for name in [
        "上和",
        "龙形",
        "古溪",
        "宝龙",
        "玉溪",
        "米心",
        "群力",
        "双江",
        "花岩",
        "柏梓",
        "崇龛",
        "塘坝",
        "新胜",
        "太安",
        "小渡",
        "卧佛",
        "五桂",
        "田家",
        "别口",
        "寿桥",
    ]
)

ALL_TOWNS = "各镇街"
RELATED_TOWNS = "相关镇街"
TASK_FORCE = "区巩固拓展脱贫攻坚成果专班成员单位"
FUND_DEPARTMENTS = "各衔接资金项目实施主管部门"
RESIDENT_AND_PAIRING = "派出驻乡驻村干部和结对帮扶干部单位"
CONSUMPTION = "各消费帮扶责任单位"
RESIDENT = "派出驻乡驻村干部单位"
RECTIFICATION = "各问题整改责任单位"

STATIC_UNSET = (TASK_FORCE, FUND_DEPARTMENTS, RESIDENT_AND_PAIRING, CONSUMPTION, RESIDENT)

SECTIONS = (
    (1, "健全常态化防止返贫致贫监测帮扶机制"),
    (2, "推动帮扶产业高质量发展"),
    (3, "促进脱贫人口稳岗就业"),
    (4, "全面增强脱贫地区脱贫人口发展能力"),
    (5, "健全帮扶项目资产长效管理机制"),
    (6, "凝聚各方帮扶力量"),
    (7, "强化保障支撑"),
)

# (number, section, title, lead units, responsible units) exactly as the notice annotates them.
TASKS: tuple[tuple[int, int, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (1, 1, "用好“渝悦·防贫”应用", ("区农业农村委",), (TASK_FORCE, ALL_TOWNS)),
    (
        2,
        1,
        "提高精准帮扶质效",
        ("区农业农村委",),
        (TASK_FORCE, RESIDENT_AND_PAIRING, ALL_TOWNS),
    ),
    (3, 1, "巩固提升“两不愁三保障”及饮水安全保障水平", (TASK_FORCE,), (ALL_TOWNS,)),
    (4, 2, "扎实推进“四个一批”", ("区农业农村委",), (FUND_DEPARTMENTS, RELATED_TOWNS)),
    (5, 2, "健全联农带农机制", ("区农业农村委",), (ALL_TOWNS,)),
    (6, 2, "加强帮扶产业投入保障", ("区农业农村委", "区政府办金融服务中心"), (ALL_TOWNS,)),
    (7, 3, "稳定务工规模", ("区人力社保局", "区发展改革委", "区农业农村委"), (ALL_TOWNS,)),
    (8, 3, "提升就业质量", ("区人力社保局", "区农业农村委"), (ALL_TOWNS,)),
    (9, 3, "强化保障服务", ("区人力社保局", "区农业农村委"), (ALL_TOWNS,)),
    (10, 4, "开展重点镇村帮扶", ("区财政局", "区农业农村委"), (TASK_FORCE, RELATED_TOWNS)),
    (
        11,
        4,
        "加大易地搬迁后续扶持",
        ("区发展改革委", "区农业农村委", "区人力社保局", "区民政局"),
        (RELATED_TOWNS,),
    ),
    (12, 5, "全面摸清底数", ("区农业农村委",), (FUND_DEPARTMENTS, RELATED_TOWNS)),
    (13, 5, "规范管理运营", ("区农业农村委",), (FUND_DEPARTMENTS, RELATED_TOWNS)),
    (14, 6, "深化消费帮扶", ("区商务委",), (CONSUMPTION,)),
    (15, 6, "持续做好驻村帮扶", ("区委组织部", "区农业农村委"), (RESIDENT, ALL_TOWNS)),
    (16, 6, "深化社会力量帮扶", ("区工商联", "区农业农村委"), (ALL_TOWNS,)),
    (17, 7, "强化政策支持", ("区农业农村委",), (TASK_FORCE, ALL_TOWNS)),
    (18, 7, "强化智志双扶", ("区农业农村委",), (ALL_TOWNS,)),
    (19, 7, "强化督查考核", ("区农业农村委",), (ALL_TOWNS,)),
    (20, 7, "强化问题整改", ("区农业农村委",), (RECTIFICATION, ALL_TOWNS)),
    (21, 7, "强化队伍建设", ("区农业农村委",), (ALL_TOWNS,)),
    (22, 7, "强化宣传引导", ("区农业农村委",), (ALL_TOWNS,)),
)


def real_plan_builder() -> PlanBuilder:
    """The builder, so tests can add to the real plan before taking its snapshot."""
    b = PlanBuilder(
        plan_id=1,
        code="潼巩固专办发〔2025〕1号",
        title="重庆市潼南区2025年巩固拓展脱贫攻坚成果工作要点",
    )
    b.office(OFFICE)
    for name in DEPARTMENTS:
        b.unit(name, UnitKind.DEPARTMENT)
    for name in OTHERS:
        b.unit(name, UnitKind.OTHER)
    for name in SUBDISTRICTS:
        b.unit(name, UnitKind.SUBDISTRICT)
    for name in TOWNS:
        b.unit(name, UnitKind.TOWN)
    b.group(ALL_TOWNS, Membership.STATIC)
    b.group(RELATED_TOWNS, Membership.PER_TASK)
    for name in STATIC_UNSET:
        b.group(name, Membership.STATIC)
    b.group(RECTIFICATION, Membership.DERIVED)
    b.member(ALL_TOWNS, *SUBDISTRICTS, *TOWNS)
    for number, title in SECTIONS:
        b.section(number, title)
    for number, section, title, leads, responsible in TASKS:
        b.task(number, title, leads, responsible, section)
    return b


def real_plan() -> PlanSnapshot:
    return real_plan_builder().snapshot()
