"""The per-request context: who is calling, and the plans this request has looked at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry

from tongnan.domain.actor import Actor
from tongnan.schema.bundle import PlanBundle, PlanCache


@dataclass(slots=True)
class Context:
    """Built per request (never shared): the caller and a memo of the plans already loaded."""

    actor: Actor | None
    plans: PlanCache
    _seen: dict[str | None, PlanBundle] = field(default_factory=dict)

    async def bundle(self, code: str | None = None) -> PlanBundle:
        """The plan ``code`` (default: the current plan), the same object for the whole request."""
        bundle = self._seen.get(code)
        if bundle is None:
            bundle = await self.plans.get(code)
            self._seen[code] = bundle
        return bundle

    def after_write(self) -> None:
        """A mutation committed: later fields of this request read the new state."""
        self._seen.clear()


Info: TypeAlias = strawberry.Info[Context, None]
