"""The per-request context: who is calling, the clock, and what this request has loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import Clock, SystemClock, local_date
from tongnan.domain.reporting.read_scope import ReadScope
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.domain.supervision.sheet_limits import SheetLimits
from tongnan.schema.common.budget import Caller
from tongnan.schema.common.loading import Loaders
from tongnan.schema.common.plan_cache import PlanBundle, PlanCache


@dataclass(frozen=True, slots=True)
class AuditVerifying:
    """What verifying the audit trail needs: the installation's key, and how soon an event
    must be sealed (the sealer's interval and grace)."""

    key: bytes
    seal_within: dt.timedelta


@dataclass(slots=True)
class Context:
    """Built per request (never shared): the caller, the clock, and the request's loaders."""

    actor: Actor | None
    plans: PlanCache
    token: str | None = None  # the bearer token it came with (websockets check it again)
    session_secret: str | None = None  # or the session cookie it came with (checked again too)
    connection_params: dict[str, object] | None = None  # a websocket's connection_init payload
    clock: Clock = field(default_factory=SystemClock)
    warning_policy: WarningPolicy = field(default_factory=WarningPolicy)
    sheet_limits: SheetLimits = field(default_factory=SheetLimits)
    caller: Caller | None = None  # whose cost budget pays for this request (None: no budget)
    verify_requires_evidence: bool = False  # 销号 needs evidence (TONGNAN_VERIFY_REQUIRES_EVIDENCE)
    audit: AuditVerifying | None = None  # the key to verify the trail with (None: cannot)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.plans)

    async def bundle(self, code: str | None = None) -> PlanBundle:
        """The plan ``code`` (default: the current plan): ``loaders.plan``."""
        return await self.loaders.plan(code)

    async def read_scope(self, bundle: PlanBundle) -> ReadScope:
        """What this caller may read of ``bundle``'s reporting (the domain's read table)."""
        return ReadScope(self.actor, await bundle.reporting())

    def after_write(self) -> None:
        """A mutation committed: later fields of this request read the new state."""
        self.loaders = Loaders(self.plans)

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return local_date(self.clock.now())


Info: TypeAlias = strawberry.Info[Context, None]
