"""Use cases: the office says what a target measures (its scope) and divides a quota among
the units (each unit's share), typed or read from a sheet. Audited; ``expectedVersion`` guards
against overwriting a change made since the caller read the target."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.lookup import find_unit
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import TargetScope
from tongnan.domain.models import Target, TargetShare, Task

SCOPE_LABELS = {
    TargetScope.DISTRICT_TOTAL: "全区总量",
    TargetScope.EACH_UNIT: "各单位均须达到",
    TargetScope.DISTRICT_RATE: "全区比率",
    TargetScope.CLEARANCE: "动态清零",
    TargetScope.ALLOCATED_QUOTA: "分解到各单位",
}


async def _target(target_id: int, expected_version: int) -> Target:
    target = await Target.get_or_none(id=target_id)
    if target is None:
        raise NotFound(f"没有这项指标（{target_id}）", ("targetId",))
    if target.version != expected_version:
        raise Conflict(
            f"这项指标已被他人修改（当前版本{target.version}，您看到的是{expected_version}），"
            "请刷新后再改",
            ("expectedVersion",),
        )
    return target


async def _bump(target: Target) -> None:
    updated = await Target.filter(id=target.id, version=target.version).update(
        scope=target.scope, version=target.version + 1
    )
    if not updated:
        raise Conflict("这项指标刚被他人修改，请刷新后再改", ("expectedVersion",))
    target.version += 1


async def set_target_scope(
    actor: Actor, target_id: int, scope: TargetScope, expected_version: int
) -> Target:
    """The office changes how a target is judged (e.g. 各单位 → 全区总量)."""
    require(actor, "target.set_scope")
    async with UnitOfWork() as uow:
        target = await _target(target_id, expected_version)
        if target.scope is not scope:
            before = {"scope": target.scope.value}
            target.scope = scope
            await _bump(target)
            await audit.record(
                actor, "target.scope_set", "Target", target.id, before, {"scope": scope.value}
            )
            task = await Task.get(id=target.task_id)
            uow.changed("target", task.plan_id)
        return target


async def set_target_shares(
    actor: Actor,
    target_id: int,
    shares: Sequence[tuple[str, Decimal]],
    expected_version: int,
) -> Target:
    """The office sets each unit's share of a quota (replacing the ones set before)."""
    require(actor, "target.set_shares")
    wanted: dict[int, Decimal] = {}
    names: dict[int, str] = {}
    for index, (name, share) in enumerate(shares):
        unit = await find_unit(name.strip(), ("shares", str(index), "unitName"))
        if not share.is_finite() or share < 0:
            raise Invalid(f"{unit.name}的分解数应为不小于零的数字", ("shares", str(index), "share"))
        if unit.id in wanted:
            raise Invalid(f"{unit.name}重复出现", ("shares", str(index), "unitName"))
        wanted[unit.id], names[unit.id] = share, unit.name
    async with UnitOfWork() as uow:
        target = await _target(target_id, expected_version)
        if target.scope is not TargetScope.ALLOCATED_QUOTA:
            raise Invalid(
                "只有“分解到各单位”的指标才能设置各单位分解数，请先修改指标类型", ("targetId",)
            )
        stored = {s.unit_id: s for s in await TargetShare.filter(target_id=target.id)}
        before = {str(u): str(s.share) for u, s in stored.items()}
        for unit_id, share in wanted.items():
            row = stored.pop(unit_id, None)
            if row is None:
                await TargetShare.create(target_id=target.id, unit_id=unit_id, share=share)
            elif row.share != share:
                row.share = share
                await row.save(update_fields=["share"])
        for row in stored.values():
            await row.delete()
        await _bump(target)
        await audit.record(
            actor,
            "target.shares_set",
            "Target",
            target.id,
            before,
            {names[u]: str(s) for u, s in wanted.items()},
        )
        task = await Task.get(id=target.task_id)
        uow.changed("target", task.plan_id)
        return target
