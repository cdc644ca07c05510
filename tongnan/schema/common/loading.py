"""How a request reads data: the one loader object each request gets in its context.

``Loaders`` is built per request (never module-level, never shared) and dropped after a write.
It serves plans from the per-process cache (``PlanCache``: structure and reporting rows, with
their own freshness), each plan once per request; and rows through batch functions: every
feature declares its batch functions (``async (keys) -> values``, one value per key, in order)
in its ``loaders`` module, and a resolver asks ``loaders.load(batch, key)``. The first ask of a
batch function in a request makes its ``DataLoader``; keys asked together are loaded with one
query, and a key asked twice is loaded once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar, cast

from graphql import GraphQLError
from strawberry.dataloader import DataLoader

from tongnan.domain.common.errors import NotFound
from tongnan.domain.models import WorkPlan
from tongnan.schema.common.plan_cache import PlanBundle, PlanCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Batch = Callable[[list[K]], Awaitable[Sequence[V]]]


async def plan_codes(plan_ids: list[int]) -> list[str | None]:
    """The code of each plan (``None``: no such plan)."""
    rows = await WorkPlan.filter(id__in=plan_ids).values_list("id", "code")
    codes = {int(key): str(code) for key, code in rows}
    return [codes.get(key) for key in plan_ids]


class Loaders:
    """What this request has loaded: plans by code, and rows by batch function and key."""

    def __init__(self, plans: PlanCache) -> None:
        self._plans = plans
        self._seen: dict[str | None, PlanBundle] = {}
        self._loaders: dict[Callable[..., Any], DataLoader[Any, Any]] = {}

    async def plan(self, code: str | None = None) -> PlanBundle:
        """The plan ``code`` (default: the current plan), the same object for the whole request;
        ``NotFound`` when there is no such plan."""
        bundle = self._seen.get(code)
        if bundle is None:
            bundle = await self._plans.get(code)
            self._seen[code] = bundle
        return bundle

    async def plan_by_id(self, plan_id: int) -> PlanBundle:
        """The plan with this row id (a row's ``plan_id``)."""
        code = await self.load(plan_codes, plan_id)
        if code is None:
            raise NotFound(f"找不到第{plan_id}号工作方案，请刷新后重试")
        return await self.plan(code)

    def loader(self, batch: Batch[K, V]) -> DataLoader[K, V]:
        """This request's loader of ``batch``, made on first use."""
        found = self._loaders.get(batch)
        if found is None:
            found = DataLoader(load_fn=batch)
            self._loaders[batch] = found
        return cast(DataLoader[K, V], found)

    async def load(self, batch: Batch[K, V], key: K) -> V:
        return await self.loader(batch).load(key)

    async def load_many(self, batch: Batch[K, V], keys: Sequence[K]) -> list[V]:
        return list(await self.loader(batch).load_many(keys))


async def query_plan(loaders: Loaders, code: str | None) -> PlanBundle:
    """The plan a query field names; no such plan is the field's error."""
    try:
        return await loaders.plan(code)
    except NotFound as exc:
        raise GraphQLError(exc.message) from None


async def plan_or_none(loaders: Loaders, code: str | None) -> PlanBundle | None:
    """The plan a query field names, or ``None`` when there is no such plan."""
    try:
        return await loaders.plan(code)
    except NotFound:
        return None
