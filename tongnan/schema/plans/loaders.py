"""The plan feature's batch loads (see ``common.loading``): which plan or task a row belongs to,
and targets' quota shares."""

from __future__ import annotations

from decimal import Decimal

from tongnan.domain.models import Assignment, Target, TargetShare, Task, WorkPlan


async def plan_codes_newest_first(keys: list[None]) -> list[list[str]]:
    """Every stored plan's code, newest first (one list; the key is ``None``)."""
    codes = await WorkPlan.all().order_by("-issued_on", "-id").values_list("code", flat=True)
    return [[str(code) for code in codes] for _ in keys]


async def plan_codes_of_tasks(task_ids: list[int]) -> list[str | None]:
    rows = await Task.filter(id__in=task_ids).values_list("id", "plan__code")
    found = {int(key): str(code) for key, code in rows}
    return [found.get(key) for key in task_ids]


async def tasks_of_assignments(assignment_ids: list[int]) -> list[int | None]:
    rows = await Assignment.filter(id__in=assignment_ids).values_list("id", "task_id")
    found = {int(key): int(task) for key, task in rows}
    return [found.get(key) for key in assignment_ids]


async def tasks_of_targets(target_ids: list[int]) -> list[int | None]:
    rows = await Target.filter(id__in=target_ids).values_list("id", "task_id")
    found = {int(key): int(task) for key, task in rows}
    return [found.get(key) for key in target_ids]


async def shares_of_targets(target_ids: list[int]) -> list[list[TargetShare]]:
    """Each target's quota shares (by unit), in id order."""
    grouped: dict[int, list[TargetShare]] = {key: [] for key in target_ids}
    for row in await TargetShare.filter(target_id__in=target_ids).order_by("id"):
        grouped[row.target_id].append(row)
    return [grouped[key] for key in target_ids]


async def unit_shares_of_targets(target_ids: list[int]) -> list[list[tuple[str, int, Decimal]]]:
    """Each target's quota shares as (unit name, unit position, share), in one query."""
    grouped: dict[int, list[tuple[str, int, Decimal]]] = {key: [] for key in target_ids}
    rows = await TargetShare.filter(target_id__in=target_ids).values_list(
        "target_id", "unit__name", "unit__position", "share"
    )
    for target_id, name, position, share in rows:
        grouped[int(target_id)].append((str(name), int(position), share))
    return [grouped[key] for key in target_ids]
