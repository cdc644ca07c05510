"""The per-request context: who is calling, the clock, and what this request has loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry
from strawberry.dataloader import DataLoader

from tongnan.domain.actor import Actor
from tongnan.domain.clock import Clock, SystemClock, local_date
from tongnan.domain.models import TargetValue
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.bundle import PlanBundle, PlanCache
from tongnan.schema.common.budget import Caller


async def _values_of_reports(report_ids: list[int]) -> list[list[TargetValue]]:
    rows = await TargetValue.filter(report_id__in=report_ids).order_by("id")
    grouped: dict[int, list[TargetValue]] = {report_id: [] for report_id in report_ids}
    for row in rows:
        grouped[row.report_id].append(row)
    return [grouped[report_id] for report_id in report_ids]


@dataclass(slots=True)
class Loaders:
    """Built per request, so nothing is cached from one request to the next."""

    values_of_report: DataLoader[int, list[TargetValue]] = field(
        default_factory=lambda: DataLoader(load_fn=_values_of_reports)
    )


@dataclass(slots=True)
class Context:
    """Built per request (never shared): the caller and a memo of the plans already loaded."""

    actor: Actor | None
    plans: PlanCache
    clock: Clock = field(default_factory=SystemClock)
    warning_policy: WarningPolicy = field(default_factory=WarningPolicy)
    loaders: Loaders = field(default_factory=Loaders)
    caller: Caller | None = None  # whose cost budget pays for this request (None: no budget)
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
        self.loaders = Loaders()

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return local_date(self.clock.now())


Info: TypeAlias = strawberry.Info[Context, None]
