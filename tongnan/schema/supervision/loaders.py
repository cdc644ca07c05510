"""The supervision feature's batch loads (see ``common.loading``): rows by id, children by
parent, and a plan's whole lists; each one query however many keys are asked together."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from tongnan.domain.models import (
    Finding,
    RectificationItem,
    RectificationUpdate,
    Supervision,
    UrgeNotice,
)

T = TypeVar("T")


async def _by_id(query: Awaitable[list[T]]) -> dict[int, T]:
    return {row.pk: row for row in await query}  # type: ignore[attr-defined]


async def supervisions(ids: list[int]) -> list[Supervision | None]:
    found = await _by_id(Supervision.filter(id__in=ids))
    return [found.get(key) for key in ids]


async def findings(ids: list[int]) -> list[Finding | None]:
    found = await _by_id(Finding.filter(id__in=ids))
    return [found.get(key) for key in ids]


async def items(ids: list[int]) -> list[RectificationItem | None]:
    found = await _by_id(RectificationItem.filter(id__in=ids))
    return [found.get(key) for key in ids]


async def updates(ids: list[int]) -> list[RectificationUpdate | None]:
    found = await _by_id(RectificationUpdate.filter(id__in=ids))
    return [found.get(key) for key in ids]


async def urge_notices(ids: list[int]) -> list[UrgeNotice | None]:
    found = await _by_id(UrgeNotice.filter(id__in=ids))
    return [found.get(key) for key in ids]


async def supervisions_of_plans(plan_ids: list[int]) -> list[dict[int, Supervision]]:
    grouped: dict[int, dict[int, Supervision]] = {key: {} for key in plan_ids}
    for row in await Supervision.filter(plan_id__in=plan_ids):
        grouped[row.plan_id][row.id] = row
    return [grouped[key] for key in plan_ids]


async def findings_of_plans(plan_ids: list[int]) -> list[dict[int, Finding]]:
    grouped: dict[int, dict[int, Finding]] = {key: {} for key in plan_ids}
    for row in await Finding.filter(plan_id__in=plan_ids):
        grouped[row.plan_id][row.id] = row
    return [grouped[key] for key in plan_ids]


async def urge_notices_of_plans(plan_ids: list[int]) -> list[list[UrgeNotice]]:
    """Newest (highest sequence) first."""
    grouped: dict[int, list[UrgeNotice]] = {key: [] for key in plan_ids}
    for row in await UrgeNotice.filter(plan_id__in=plan_ids).order_by("-sequence"):
        grouped[row.plan_id].append(row)
    return [grouped[key] for key in plan_ids]


async def findings_of_supervisions(supervision_ids: list[int]) -> list[list[Finding]]:
    grouped: dict[int, list[Finding]] = {key: [] for key in supervision_ids}
    for finding in await Finding.filter(supervision_id__in=supervision_ids).order_by("id"):
        if finding.supervision_id is not None:
            grouped[finding.supervision_id].append(finding)
    return [grouped[key] for key in supervision_ids]


async def items_of_findings(finding_ids: list[int]) -> list[list[RectificationItem]]:
    grouped: dict[int, list[RectificationItem]] = {key: [] for key in finding_ids}
    for item in await RectificationItem.filter(finding_id__in=finding_ids).order_by("id"):
        grouped[item.finding_id].append(item)
    return [grouped[key] for key in finding_ids]


async def updates_of_items(item_ids: list[int]) -> list[list[RectificationUpdate]]:
    grouped: dict[int, list[RectificationUpdate]] = {key: [] for key in item_ids}
    for row in await RectificationUpdate.filter(item_id__in=item_ids).order_by("reported_on", "id"):
        grouped[row.item_id].append(row)
    return [grouped[key] for key in item_ids]
