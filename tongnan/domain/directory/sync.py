"""Use case: bring the stored units, aliases and static group members in line with the directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.directory.directory_file import DirectoryEntry
from tongnan.domain.models import GroupMember, Unit, UnitAlias


@dataclass(slots=True)
class DirectorySyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


async def sync_directory(entries: tuple[DirectoryEntry, ...], actor: Actor) -> DirectorySyncResult:
    """Apply the directory file in one transaction (see :func:`apply_directory`)."""
    require(actor, "directory.sync")
    async with UnitOfWork() as uow:
        result = await apply_directory(entries, actor)
        if result.changed:
            uow.changed("directory")
        return result


async def apply_directory(entries: tuple[DirectoryEntry, ...], actor: Actor) -> DirectorySyncResult:
    """Create missing units, update changed ones, add aliases, set the members a file lists.

    Groups whose members the file does not list keep what is stored (the office may set them
    through the API). Runs inside the caller's transaction.
    """
    result = DirectorySyncResult()
    units = {u.name: u for u in await Unit.all()}
    for entry in entries:
        wanted: dict[str, Any] = {
            "kind": entry.kind,
            "short_name": entry.short_name,
            "membership": entry.membership,
            "position": entry.position,
            "listed": True,
        }
        unit = units.get(entry.name)
        if unit is None:
            unit = await Unit.create(name=entry.name, members_set=False, **wanted)
            units[entry.name] = unit
            result.created.append(entry.name)
            await audit.record(
                actor, "unit.created", "Unit", unit.id, None, {"name": entry.name, **wanted}
            )
            continue
        before = {k: getattr(unit, k) for k in wanted if getattr(unit, k) != wanted[k]}
        if before:
            for key in before:
                setattr(unit, key, wanted[key])
            await unit.save(update_fields=[*before, "updated_at"])
            result.updated.append(entry.name)
            await audit.record(
                actor, "unit.updated", "Unit", unit.id, before, {k: wanted[k] for k in before}
            )
    await _sync_aliases(entries, units, actor, result)
    await _sync_parents_and_members(entries, units, actor, result)
    return result


async def _sync_aliases(
    entries: tuple[DirectoryEntry, ...],
    units: dict[str, Unit],
    actor: Actor,
    result: DirectorySyncResult,
) -> None:
    stored = {a.alias: a for a in await UnitAlias.all()}
    for entry in entries:
        unit = units[entry.name]
        for alias in entry.aliases:
            existing = stored.get(alias)
            if existing is not None and existing.unit_id == unit.id:
                continue
            if existing is not None:
                await existing.delete()
            await UnitAlias.create(alias=alias, unit=unit)
            result.updated.append(entry.name)
            await audit.record(actor, "unit.alias_added", "Unit", unit.id, None, {"alias": alias})


async def _sync_parents_and_members(
    entries: tuple[DirectoryEntry, ...],
    units: dict[str, Unit],
    actor: Actor,
    result: DirectorySyncResult,
) -> None:
    aliases = {a.alias: a.unit_id for a in await UnitAlias.all()}
    by_id = {u.id: u for u in units.values()}

    def resolve(name: str) -> Unit:
        return units[name] if name in units else by_id[aliases[name]]

    for entry in entries:
        unit = units[entry.name]
        parent_id = resolve(entry.parent).id if entry.parent else None
        if unit.parent_id != parent_id:
            before = {"parent_id": unit.parent_id}
            unit.parent_id = parent_id
            await unit.save(update_fields=["parent_id", "updated_at"])
            result.updated.append(entry.name)
            await audit.record(
                actor, "unit.updated", "Unit", unit.id, before, {"parent_id": parent_id}
            )
        if entry.members is None:
            continue
        wanted = [resolve(m).id for m in entry.members]
        stored = {m.member_id for m in await GroupMember.filter(group_id=unit.id, task_id=None)}
        if stored == set(wanted) and unit.members_set:
            continue
        await GroupMember.filter(group_id=unit.id, task_id=None, member_id__not_in=wanted).delete()
        for member_id in wanted:
            if member_id not in stored:
                await GroupMember.create(group_id=unit.id, member_id=member_id, task_id=None)
        unit.members_set = True
        await unit.save(update_fields=["members_set", "updated_at"])
        result.updated.append(entry.name)
        await audit.record(
            actor,
            "group.members_set",
            "Unit",
            unit.id,
            {"members": sorted(by_id[i].name for i in stored)},
            {"members": [by_id[i].name for i in wanted]},
        )
