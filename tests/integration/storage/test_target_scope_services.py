"""The importer stores each target's proposed scope; the office's change of a scope is audited,
guarded by the version it read, and kept when the notice is imported again (both backends)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.files import DIRECTORY_FILE, PLAN_FILE
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Invalid
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.common.values import Role, TargetScope
from tongnan.domain.directory import parse_directory
from tongnan.domain.models import AuditEvent, Target, TargetShare
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.plan_import import import_plan
from tongnan.domain.plans.target_scopes import set_target_scope, set_target_shares

OFFICE = Actor(name="cli:test", role=Role.OFFICE_ADMIN)
DIRECTORY = parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))


async def test_scopes_stored_changed_and_kept(db: DatabaseUrl) -> None:
    plan = parse_notice(PLAN_FILE.read_text(encoding="utf-8"))
    await import_plan(plan, OFFICE, DIRECTORY)
    stored = {t.metric: t for t in await Target.all()}
    assert stored["全区脱贫群众就业总体规模"].scope is TargetScope.DISTRICT_TOTAL
    assert stored["饮水问题"].scope is TargetScope.CLEARANCE
    quota = stored["消费帮扶指导性计划完成额"]
    assert quota.scope is TargetScope.ALLOCATED_QUOTA

    total = stored["全区脱贫群众就业总体规模"]
    changed = await set_target_scope(OFFICE, total.id, TargetScope.EACH_UNIT, total.version)
    assert (changed.scope, changed.version) == (TargetScope.EACH_UNIT, 2)
    event = await AuditEvent.filter(action="target.scope_set").get()
    assert (event.before, event.after) == ({"scope": "DISTRICT_TOTAL"}, {"scope": "EACH_UNIT"})
    with pytest.raises(Conflict):
        await set_target_scope(OFFICE, total.id, TargetScope.DISTRICT_TOTAL, 1)
    town = Actor(name="t", role=Role.UNIT_REPORTER, unit_id=1, unit_name="双江镇")
    with pytest.raises(PermissionDenied):
        await set_target_scope(town, total.id, TargetScope.DISTRICT_TOTAL, 2)

    await import_plan(plan, OFFICE, DIRECTORY)  # the same notice again
    assert (await Target.get(id=total.id)).scope is TargetScope.EACH_UNIT

    shares = [("双江镇", Decimal(100)), ("柏梓镇", Decimal(80))]
    await set_target_shares(OFFICE, quota.id, shares, quota.version)
    assert await TargetShare.filter(target_id=quota.id).count() == 2
    await set_target_shares(OFFICE, quota.id, shares[:1], quota.version + 1)
    assert await TargetShare.filter(target_id=quota.id).count() == 1
    with pytest.raises(Invalid, match="只有“分解到各单位”的指标"):
        await set_target_shares(OFFICE, total.id, shares, 2)
