"""What one root field of this feature has loaded: set-based, each at most once per request.

Objects of the feature carry the store; a nested field asks it, and the first ask loads the rows
for every object at once (one query), so the number of queries does not grow with the rows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from graphql import GraphQLError
from strawberry.dataloader import DataLoader

from tongnan.domain.actor import Actor
from tongnan.domain.errors import NotFound
from tongnan.domain.models import (
    Finding,
    RectificationItem,
    RectificationUpdate,
    Supervision,
    WorkPlan,
)
from tongnan.domain.permissions import may_read
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.bundle import PlanBundle
from tongnan.schema.context import Info
from tongnan.schema.ids import from_global_id

T = TypeVar("T")


class Once(Generic[T]):
    """An async value loaded on first use; concurrent callers share the one load."""

    def __init__(self, load: Callable[[], Awaitable[T]]) -> None:
        self._load = load
        self._task: asyncio.Future[T] | None = None

    async def get(self) -> T:
        if self._task is None:
            self._task = asyncio.ensure_future(self._load())
        return await self._task


async def _updates_of(item_ids: list[int]) -> list[list[RectificationUpdate]]:
    grouped: dict[int, list[RectificationUpdate]] = {key: [] for key in item_ids}
    for row in await RectificationUpdate.filter(item_id__in=item_ids).order_by("reported_on", "id"):
        grouped[row.item_id].append(row)
    return [grouped[key] for key in item_ids]


async def _by_id(query: Awaitable[list[T]]) -> dict[int, T]:
    return {row.pk: row for row in await query}  # type: ignore[attr-defined]


async def _items_of_findings(finding_ids: list[int]) -> list[list[RectificationItem]]:
    grouped: dict[int, list[RectificationItem]] = {key: [] for key in finding_ids}
    for item in await RectificationItem.filter(finding_id__in=finding_ids).order_by("id"):
        grouped[item.finding_id].append(item)
    return [grouped[key] for key in finding_ids]


async def _findings_of_supervisions(supervision_ids: list[int]) -> list[list[Finding]]:
    grouped: dict[int, list[Finding]] = {key: [] for key in supervision_ids}
    for finding in await Finding.filter(supervision_id__in=supervision_ids).order_by("id"):
        if finding.supervision_id is not None:
            grouped[finding.supervision_id].append(finding)
    return [grouped[key] for key in supervision_ids]


async def _supervisions(ids: list[int]) -> list[Supervision | None]:
    found = await _by_id(Supervision.filter(id__in=ids))
    return [found.get(key) for key in ids]


@dataclass(slots=True)
class Store:
    """The plan (its bundle), the day colours are judged on, who reads, and batch loaders."""

    bundle: PlanBundle
    today: dt.date
    policy: WarningPolicy
    actor: Actor | None = None
    supervisions: Once[dict[int, Supervision]] = field(init=False)  # all of the plan
    findings: Once[dict[int, Finding]] = field(init=False)  # all of the plan
    supervision: DataLoader[int, Supervision | None] = field(init=False)
    findings_of: DataLoader[int, list[Finding]] = field(init=False)  # by supervision
    items_of: DataLoader[int, list[RectificationItem]] = field(init=False)  # by finding
    updates: DataLoader[int, list[RectificationUpdate]] = field(init=False)  # by item

    def __post_init__(self) -> None:
        plan_id = self.bundle.view.plan.id
        self.supervisions = Once(lambda: _by_id(Supervision.filter(plan_id=plan_id)))
        self.findings = Once(lambda: _by_id(Finding.filter(plan_id=plan_id)))
        self.supervision = DataLoader(load_fn=_supervisions)
        self.findings_of = DataLoader(load_fn=_findings_of_supervisions)
        self.items_of = DataLoader(load_fn=_items_of_findings)
        self.updates = DataLoader(load_fn=_updates_of)

    def reads(self, action: str, unit_id: int | None = None) -> bool:
        """The domain's read table for this store's caller (see ``permissions.READS``)."""
        return may_read(self.actor, action, unit_id)


async def store_for(info: Info, plan_code: str | None, as_of: dt.date | None = None) -> Store:
    """A store on the plan ``plan_code`` (default: the current plan), as of a day (default:
    today by the server's clock)."""
    try:
        bundle = await info.context.bundle(plan_code)
    except NotFound as exc:
        raise GraphQLError(exc.message) from None
    context = info.context
    return Store(bundle, as_of or context.today(), context.warning_policy, context.actor)


async def store_of_plan(info: Info, plan_id: int, as_of: dt.date | None = None) -> Store:
    """A store on the plan with this row id (a row's ``plan_id``)."""
    plan = await WorkPlan.get(id=plan_id).only("id", "code")
    return await store_for(info, plan.code, as_of)


def key_of(global_id: str, type_name: str, field: tuple[str, ...]) -> int:
    """The row id in a global id of ``type_name``; NotFound (a user error) for another type."""
    kind, key = from_global_id(global_id)
    if kind != type_name:
        raise NotFound(f"{global_id!r} is not the id of a {type_name}", field)
    return key
