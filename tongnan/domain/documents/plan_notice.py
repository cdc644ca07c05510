"""The plan notice (印发通知 carrying the 工作要点), rebuilt from the stored plan."""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.documents.formatting import annotation, full_width, split_lead_sentence
from tongnan.domain.documents.parts import Imprint, Letter, RedHeader, imprint, letter, red_header
from tongnan.domain.documents.plan_source import PlanSource, SectionSource, load_plan_source

TEMPLATE = "plan_notice.html"


@dataclass(frozen=True, slots=True)
class TaskView:
    """(一)用好…应用。 (楷体) then the rest of the body and the (牵头单位：…) annotation."""

    lead: str
    rest: str
    annotation: str


@dataclass(frozen=True, slots=True)
class SectionView:
    heading: str  # 一、健全… (黑体)
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True, slots=True)
class PlanNotice:
    header: RedHeader
    letter: Letter
    plan_title: str
    preamble: str
    sections: tuple[SectionView, ...]
    imprint: Imprint | None


def build_plan_notice(plan: PlanSource) -> PlanNotice:
    """The notice's document values from a plan (pure: no I/O)."""
    return PlanNotice(
        header=red_header(plan.issuer, plan.code),
        letter=letter(
            title=plan.title,
            addressees=plan.addressees,
            paragraphs=[plan.letter],
            signature=plan.issuer,
            date=plan.issued_on,
        ),
        plan_title=full_width(plan.plan_title),
        preamble=full_width(plan.preamble),
        sections=tuple(_section(s) for s in plan.sections),
        imprint=imprint(plan.printed_by, plan.printed_on),
    )


def _section(section: SectionSource) -> SectionView:
    tasks = []
    for task in section.tasks:
        sentence, rest = split_lead_sentence(task.title, task.body)
        tasks.append(
            TaskView(
                lead=full_width(task.label + sentence),
                rest=full_width(rest),
                annotation=annotation(task.leads, task.responsible),
            )
        )
    return SectionView(heading=f"{section.label}、{full_width(section.title)}", tasks=tuple(tasks))


async def plan_notice_context(code: str | None = None) -> dict[str, PlanNotice]:
    """The template context for the stored plan ``code`` (default: the current plan)."""
    return {"doc": build_plan_notice(await load_plan_source(code))}
