"""The seed notice for the documents tests: parsed, imported, and an urge notice built from it."""

from __future__ import annotations

import datetime as dt

from tests.conftest import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.values import Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.documents import urge_notice
from tongnan.domain.parsing import ParsedPlan, parse_notice
from tongnan.domain.plans.plan_import import ImportResult, import_plan

SEED_TEXT = PLAN_FILE.read_text(encoding="utf-8")
OFFICE = Actor(name="test", role=Role.OFFICE_ADMIN)


def seed_plan() -> ParsedPlan:
    return parse_notice(SEED_TEXT)


async def import_seed(text: str = SEED_TEXT) -> ImportResult:
    """Import the bundled notice (and the directory) as the office would."""
    directory = parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))
    return await import_plan(parse_notice(text), OFFICE, directory)


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
        issuer=plan.issuer,
        plan_title=plan.plan_title,
        printed_by=plan.printed_by,
        cc=["区委办公室", "区政府办公室"],
    )
