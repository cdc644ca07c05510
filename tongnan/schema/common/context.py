"""The per-request context: who is calling, the clock, and what this request has loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import Clock, SystemClock, local_date
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.domain.supervision.sheet_limits import SheetLimits
from tongnan.schema.common.loading import Loaders
from tongnan.schema.common.plan_cache import PlanBundle, PlanCache


@dataclass(slots=True)
class Context:
    """Built per request (never shared): the caller, the clock, and the request's loaders."""

    actor: Actor | None
    plans: PlanCache
    clock: Clock = field(default_factory=SystemClock)
    warning_policy: WarningPolicy = field(default_factory=WarningPolicy)
    sheet_limits: SheetLimits = field(default_factory=SheetLimits)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.plans)

    async def bundle(self, code: str | None = None) -> PlanBundle:
        """The plan ``code`` (default: the current plan): ``loaders.plan``."""
        return await self.loaders.plan(code)

    def after_write(self) -> None:
        """A mutation committed: later fields of this request read the new state."""
        self.loaders = Loaders(self.plans)

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return local_date(self.clock.now())


Info: TypeAlias = strawberry.Info[Context, None]
