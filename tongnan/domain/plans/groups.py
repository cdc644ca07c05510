"""Use case: set a group's members (static, or chosen for one task for a PER_TASK group)."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.lookup import current_plan, find_task, find_unit
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Membership, UnitKind
from tongnan.domain.common.versions import changed_meanwhile, check_version
from tongnan.domain.models import GroupMember, Unit


async def _would_cycle(group_id: int, member_ids: list[int]) -> bool:
    """True when some member already contains ``group_id`` (directly or through its groups)."""
    links: dict[int, list[int]] = {}
    for link in await GroupMember.all().only("group_id", "member_id"):
        links.setdefault(link.group_id, []).append(link.member_id)
    seen: set[int] = set()
    stack = list(member_ids)
    while stack:
        current = stack.pop()
        if current == group_id:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(links.get(current, ()))
    return False


async def set_group_members(
    actor: Actor,
    group_name: str,
    member_names: list[str],
    task_number: int | None = None,
    plan_code: str | None = None,
    *,
    expected_version: int,
    now: dt.datetime | None = None,
) -> Unit:
    """Replace the group's members (for ``task_number`` when the group is chosen per task);
    ``expected_version`` is the group's version last read."""
    require(actor, "group.set_members")
    async with UnitOfWork() as uow:
        group = await find_unit(group_name, ("groupName",))
        await check_version("Unit", group.id, group.version, expected_version, now)
        if group.kind is not UnitKind.GROUP:
            raise Invalid(f"{group.name}不是单位组", ("groupName",))
        if group.membership is Membership.DERIVED:
            raise Invalid(f"{group.name}的成员由数据自动生成，不能手工设置", ("groupName",))
        task_id = None
        plan_id = None
        if group.membership is Membership.PER_TASK:
            if task_number is None:
                raise Invalid(f"{group.name}的成员按任务确定，请注明是第几项任务", ("taskNumber",))
            plan = await current_plan(plan_code)
            task_id, plan_id = (await find_task(plan, task_number)).id, plan.id
        elif task_number is not None:
            raise Invalid(
                f"{group.name}对每项任务成员都一样，不用注明任务",
                ("taskNumber",),
            )
        members: list[Unit] = []
        for index, name in enumerate(member_names):
            member = await find_unit(name, ("memberNames", str(index)))
            if member.id == group.id:
                raise Invalid(f"{group.name}不能是自己的成员", ("memberNames", str(index)))
            if member.id in {m.id for m in members}:
                raise Invalid(f"{member.name}填了两次，请删去一个", ("memberNames", str(index)))
            members.append(member)
        if await _would_cycle(group.id, [m.id for m in members]):
            raise Invalid(f"这样设置会让{group.name}间接包含它自己，请检查成员", ("memberNames",))
        stored = await GroupMember.filter(group_id=group.id, task_id=task_id).prefetch_related(
            "member"
        )
        before = sorted(link.member.name for link in stored)
        wanted = {m.id for m in members}
        for link in stored:
            if link.member_id not in wanted:
                await link.delete()
        have = {link.member_id for link in stored}
        for member in members:
            if member.id not in have:
                await GroupMember.create(group_id=group.id, member_id=member.id, task_id=task_id)
        after = [m.name for m in members]
        changed = sorted(after) != before or not stored
        if changed or (group.membership is Membership.STATIC and not group.members_set):
            written = await Unit.filter(id=group.id, version=group.version).update(
                version=group.version + 1,
                members_set=group.members_set or group.membership is Membership.STATIC,
                updated_at=now or dt.datetime.now(dt.UTC),
            )
            if written != 1:
                raise await changed_meanwhile("Unit", group.id, now)
            await group.refresh_from_db()
        if changed:
            await audit.record(
                actor,
                "group.members_set",
                "Unit",
                group.id,
                {"members": before, "task": task_number},
                {"members": after, "task": task_number},
                now=now,
            )
            uow.changed("membership", plan_id)
        return group
