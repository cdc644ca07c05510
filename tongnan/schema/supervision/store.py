"""``Store``: what supervision objects are shown against — their plan, the day their colours are
judged on, and the request's loaders (``common.loading``; nested fields load through them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graphql import GraphQLError

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.permissions import may_read
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.common.context import Info
from tongnan.schema.common.loading import Loaders, query_plan
from tongnan.schema.common.plan_cache import PlanBundle


@dataclass(slots=True)
class Store:
    """The plan (its bundle), the day colours are judged on, who reads, and batch loaders."""

    bundle: PlanBundle
    today: dt.date
    policy: WarningPolicy
    loaders: Loaders
    actor: Actor | None = None

    def reads(self, action: str, unit_id: int | None = None) -> bool:
        """The domain's read table for this store's caller (see ``permissions.READS``)."""
        return may_read(self.actor, action, unit_id)


async def store_for(info: Info, plan_code: str | None, as_of: dt.date | None = None) -> Store:
    """A store on the plan ``plan_code`` (default: the current plan), as of a day (default:
    today by the server's clock)."""
    context = info.context
    bundle = await query_plan(context.loaders, plan_code)
    return Store(
        bundle, as_of or context.today(), context.warning_policy, context.loaders, context.actor
    )


async def store_of_plan(info: Info, plan_id: int, as_of: dt.date | None = None) -> Store:
    """A store on the plan with this row id (a row's ``plan_id``)."""
    context = info.context
    try:
        bundle = await context.loaders.plan_by_id(plan_id)
    except NotFound as exc:
        raise GraphQLError(exc.message) from None
    return Store(
        bundle, as_of or context.today(), context.warning_policy, context.loaders, context.actor
    )
