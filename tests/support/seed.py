"""The seed: the bundled notice parsed or imported as the office would, and actors to act on it."""

from __future__ import annotations

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.values import Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import Unit
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


async def reporter(unit_name: str) -> Actor:
    """A reporter of the (imported) unit ``unit_name``, acting for it."""
    unit = await Unit.get(name=unit_name)
    return Actor(
        name=f"reporter-{unit_name}", role=Role.UNIT_REPORTER, unit_id=unit.id, unit_name=unit.name
    )
