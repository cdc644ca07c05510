"""A synthetic, deterministic province: 38 districts, each a 22-task plan over its own directory."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import (
    AssignmentRecord,
    MembershipRecord,
    PlanSnapshot,
    SectionRecord,
    TaskRecord,
    UnitRecord,
)

SECTION_SIZES = (3, 3, 3, 2, 2, 3, 6)  # as in the real plan: 22 tasks in 7 sections
REAL_DEPARTMENTS = (
    "区农业农村委",
    "区人力社保局",
    "区发展改革委",
    "区财政局",
    "区民政局",
    "区商务委",
    "区委组织部",
    "区政府办金融服务中心",
    "区工商联",
)
_STEMS = (
    "上和龙形古溪宝龙玉溪米心群力双江花岩柏梓崇龛塘坝新胜太安小渡"
    "卧佛五桂田家别口寿桥三汇永安青石白马金龙石桥云峰河口东岳西林"
)
TOWN_STEMS = tuple(_STEMS[i : i + 2] for i in range(0, len(_STEMS), 2))


@dataclass(frozen=True, slots=True)
class ProvinceShape:
    """How big each district is; the defaults give about 100k edges over 38 districts.

    A lead -> responsible edge is shared by every task of the pair, so edges grow with the
    number of distinct pairs: the defaults name more units per task than the real plan does.
    """

    districts: int = 38
    departments: int = 45
    subdistricts: int = 2
    towns: int = 28
    direct_responsible: tuple[int, int] = (25, 45)  # departments named directly per task
    leads: tuple[int, int] = (2, 6)
    scoped_towns: tuple[int, int] = (6, 15)  # 相关镇街 chosen per task


class _District:
    """One district's directory and plan, ids offset so that districts never collide."""

    def __init__(self, index: int, shape: ProvinceShape, rng: random.Random) -> None:
        self.index = index
        self.shape = shape
        self.rng = rng
        self.base = (index + 1) * 10_000
        self.units: list[UnitRecord] = []
        self.memberships: list[MembershipRecord] = []
        self.assignments: list[AssignmentRecord] = []

    def unit(self, name: str, kind: UnitKind, membership: Membership = Membership.NONE) -> int:
        unit_id = self.base + len(self.units) + 1
        listed = kind is UnitKind.GROUP or self.rng.random() > 0.01
        self.units.append(UnitRecord(unit_id, name, None, kind, membership, None, listed))
        return unit_id

    def members(self, group: int, members: list[int], task_id: int | None = None) -> None:
        self.memberships.extend(MembershipRecord(group, m, task_id) for m in members)

    def build(self) -> PlanSnapshot:
        shape, rng = self.shape, self.rng
        office = self.unit(
            f"第{self.index + 1}区巩固拓展脱贫攻坚成果工作专班办公室", UnitKind.OFFICE
        )
        departments = [
            self.unit(
                REAL_DEPARTMENTS[k] if k < len(REAL_DEPARTMENTS) else f"区部门{k:02d}",
                UnitKind.DEPARTMENT,
            )
            for k in range(shape.departments)
        ]
        towns = [
            self.unit(f"第{k + 1}街道", UnitKind.SUBDISTRICT) for k in range(shape.subdistricts)
        ]
        towns += [
            self.unit(
                f"{TOWN_STEMS[k % len(TOWN_STEMS)]}{k // len(TOWN_STEMS) or ''}镇", UnitKind.TOWN
            )
            for k in range(shape.towns)
        ]
        all_towns = self.unit("各镇街", UnitKind.GROUP, Membership.STATIC)
        related = self.unit("相关镇街", UnitKind.GROUP, Membership.PER_TASK)
        task_force = self.unit(
            "区巩固拓展脱贫攻坚成果专班成员单位", UnitKind.GROUP, Membership.STATIC
        )
        funds = self.unit("各衔接资金项目实施主管部门", UnitKind.GROUP, Membership.STATIC)
        resident = self.unit("派出驻乡驻村干部单位", UnitKind.GROUP, Membership.STATIC)
        consumption = self.unit("各消费帮扶责任单位", UnitKind.GROUP, Membership.STATIC)
        rectification = self.unit("各问题整改责任单位", UnitKind.GROUP, Membership.DERIVED)
        self.members(all_towns, towns)
        self.members(task_force, rng.sample(departments, 30))
        self.members(funds, rng.sample(departments, 8))
        self.members(resident, rng.sample(departments, 20))
        self.members(consumption, [all_towns, *rng.sample(departments, 10)])  # nested
        self.members(rectification, rng.sample(departments + towns, 12))
        groups = [all_towns, related, task_force, funds, resident, consumption, rectification]

        plan_id = self.index + 1
        sections: list[SectionRecord] = []
        tasks: list[TaskRecord] = []
        number = 0
        for s, size in enumerate(SECTION_SIZES, start=1):
            sections.append(SectionRecord(s, f"{s}、", f"第{s}部分"))
            for _ in range(size):
                number += 1
                task_id = (self.index + 1) * 100 + number
                tasks.append(TaskRecord(task_id, number, f"({number})", f"任务{number}", s))
                leads = rng.sample(departments, rng.randint(*shape.leads))
                if number == 3:
                    leads = [task_force]  # a group lead, as in the real plan
                chosen_groups = rng.sample(groups, rng.randint(1, 2))
                direct = [
                    d
                    for d in rng.sample(departments, rng.randint(*shape.direct_responsible))
                    if d not in leads
                ]
                for position, unit in enumerate(leads):
                    self.assignments.append(
                        AssignmentRecord(task_id, unit, AssignmentRole.LEAD, position)
                    )
                for position, unit in enumerate([*chosen_groups, *direct]):
                    self.assignments.append(
                        AssignmentRecord(task_id, unit, AssignmentRole.RESPONSIBLE, position)
                    )
                if related in chosen_groups:
                    self.members(
                        related, rng.sample(towns, rng.randint(*shape.scoped_towns)), task_id
                    )
        return PlanSnapshot(
            plan_id=plan_id,
            code=f"巩固专办发〔2025〕{plan_id}号",
            title=f"第{plan_id}区2025年巩固拓展脱贫攻坚成果工作要点",
            office_id=office,
            sections=tuple(sections),
            tasks=tuple(tasks),
            units=tuple(self.units),
            memberships=tuple(self.memberships),
            assignments=tuple(self.assignments),
        )


def generate_province(seed: int = 2025, shape: ProvinceShape | None = None) -> list[PlanSnapshot]:
    """One snapshot per district; the same seed always gives the same province."""
    shape = shape or ProvinceShape()
    rng = random.Random(seed)
    return [_District(i, shape, rng).build() for i in range(shape.districts)]
