"""The responsibility division table (责任分工表): one landscape row per task, by section."""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.documents.formatting import cn_date, full_width, join_units
from tongnan.domain.documents.plan_source import PlanSource, load_plan_source

TEMPLATE = "division_table.html"
WHOLE_YEAR = "全年"


@dataclass(frozen=True, slots=True)
class DivisionRow:
    number: int
    task: str  # （一）用好“渝悦·防贫”应用
    leads: str
    responsible: str
    due: str  # 2025年6月30日, or 全年


@dataclass(frozen=True, slots=True)
class DivisionSection:
    heading: str  # 一、健全常态化防止返贫致贫监测帮扶机制
    rows: tuple[DivisionRow, ...]


@dataclass(frozen=True, slots=True)
class DivisionTable:
    title: str
    number: str
    sections: tuple[DivisionSection, ...]


def build_division_table(plan: PlanSource) -> DivisionTable:
    """The table's values from a plan (pure: no I/O)."""
    return DivisionTable(
        title=f"{full_width(plan.plan_title)}责任分工表",
        number=full_width(plan.code),
        sections=tuple(
            DivisionSection(
                heading=f"{s.label}、{full_width(s.title)}",
                rows=tuple(
                    DivisionRow(
                        number=t.number,
                        task=full_width(t.label + t.title),
                        leads=join_units(t.leads),
                        responsible=join_units(t.responsible),
                        due=cn_date(t.due_date) if t.due_date else WHOLE_YEAR,
                    )
                    for t in s.tasks
                ),
            )
            for s in plan.sections
        ),
    )


async def division_table_context(code: str | None = None) -> dict[str, DivisionTable]:
    """The template context for the stored plan ``code`` (default: the current plan)."""
    return {"doc": build_division_table(await load_plan_source(code))}
