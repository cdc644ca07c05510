"""Who issues the documents and to whom: taken from the stored plan the documents belong to."""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.models import WorkPlan


@dataclass(frozen=True, slots=True)
class Office:
    """The issuing office (mark and signature), the plan's title, 印发机关 and 主送 units."""

    issuer: str
    plan_title: str
    printed_by: str | None
    addressees: tuple[str, ...]


def office_of(plan: WorkPlan) -> Office:
    return Office(
        issuer=plan.issuer,
        plan_title=plan.plan_title,
        printed_by=plan.printed_by,
        addressees=tuple(plan.addressees),
    )
