"""A plan as the API serves it, cached per process and dropped when a write is announced.

Two parts with their own freshness: the plan's structure (PlanView: sections, tasks, units,
assignments; and the responsibility graph built from it) and its reporting rows (rounds,
obligations, reports). A submitted report drops only the second; an assignment drops both.
What only the notification pages show (the outbox's deliveries and attempts, channels, calendar
feeds, inbox entries) moves a third counter and leaves both parts alone: a delivery worker
recording its outcomes many times a second costs the plan's readers nothing.
The reporting rows load on first use, so a request that does not need them never pays for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tongnan.domain.common.changes import FEED, Change, ChangeFeed
from tongnan.domain.plans.fan_out import FanOut, fan_out_of
from tongnan.domain.plans.plan_view import PlanView, load_plan_view
from tongnan.domain.reporting.reporting_view import ReportingView, load_reporting_view
from tongnan.responsibility_matrix import ResponsibilityGraph

T = TypeVar("T")
MAX_REMEMBERED = 50_000  # API objects kept per bundle (a plan has a few thousand rows)
REPORTING_ONLY = frozenset({"report", "round", "warning", "token", "document", "user"})
NOTIFICATIONS_ONLY = frozenset(
    {"notification", "notification_delivery", "notification_channel", "calendar_feed"}
)


@dataclass(slots=True)
class Freshness:
    structure: int = 0
    reporting: int = 0
    notifications: int = 0


@dataclass(slots=True)
class PlanBundle:
    view: PlanView
    structure: int
    _freshness: Freshness
    _graph: ResponsibilityGraph | None = field(default=None, init=False)
    _reporting: ReportingView | None = field(default=None, init=False)
    _reporting_at: int = field(default=-1, init=False)
    _reporting_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)
    # API objects built from this bundle's rows, kept for later requests (``remembered``)
    _objects: dict[tuple[str, int], tuple[Any, Any]] = field(default_factory=dict, init=False)

    def remembered(self, kind: str, row: Any, build: Callable[[], T]) -> T:
        """The object ``build`` makes for ``row``, built once for this bundle: the same rows
        give the same unit or task on every request until the plan changes (a new bundle)."""
        key = (kind, id(row))
        kept = self._objects.get(key)
        if kept is not None and kept[0] is row:  # the row is held, so its id is not reused
            found: T = kept[1]
            return found
        if len(self._objects) >= MAX_REMEMBERED:
            self._objects.clear()
        built = build()
        self._objects[key] = (row, built)
        return built

    @property
    def graph(self) -> ResponsibilityGraph:
        """Built on first use, from the same rows (no further queries)."""
        if self._graph is None:
            self._graph = ResponsibilityGraph(self.view.snapshot())
        return self._graph

    async def reporting(self) -> ReportingView:
        """The plan's rounds, obligations and reports (three queries, then cached until a
        report or round changes)."""
        wanted = self._freshness.reporting
        if self._reporting is not None and self._reporting_at == wanted:
            return self._reporting
        async with self._reporting_lock:
            wanted = self._freshness.reporting
            if self._reporting is None or self._reporting_at != wanted:
                self._reporting = await load_reporting_view(self.view.plan.id)
                self._reporting_at = wanted
            return self._reporting


class PlanCache:
    """``code -> PlanBundle`` (``None``: the current plan).

    ``fan_out`` holds the list sizes of the current plan as last loaded (None before the first
    load): the query cost model reads it, and a plan since changed is still a fair estimate.
    """

    def __init__(self, feed: ChangeFeed = FEED) -> None:
        self._bundles: dict[str | None, PlanBundle] = {}
        self.fan_out: FanOut | None = None
        self._lock = asyncio.Lock()
        self._freshness = Freshness()
        self.close = feed.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.kind in NOTIFICATIONS_ONLY:
            self._freshness.notifications += 1
            return
        self._freshness.reporting += 1
        if change.kind not in REPORTING_ONLY:
            # the rest (units, the directory, a change heard from outside) may show there too
            self._freshness.structure += 1
            self._freshness.notifications += 1

    @property
    def freshness(self) -> tuple[int, int]:
        """Moves whenever anything the plan's responses could show may have changed."""
        return (self._freshness.structure, self._freshness.reporting)

    @property
    def notifications(self) -> int:
        """Moves whenever anything the notification queries show may have changed."""
        return self._freshness.notifications

    def clear(self) -> None:
        self._bundles.clear()
        self._freshness.structure += 1
        self._freshness.reporting += 1
        self._freshness.notifications += 1

    async def get(self, code: str | None) -> PlanBundle:
        bundle = self._bundles.get(code)
        if bundle is not None and bundle.structure == self._freshness.structure:
            return bundle
        async with self._lock:  # one load per change, however many requests wait for it
            structure = self._freshness.structure
            bundle = self._bundles.get(code)
            if bundle is not None and bundle.structure == structure:
                return bundle
            if any(b.structure != structure for b in self._bundles.values()):
                self._bundles.clear()
            view = await load_plan_view(code)
            bundle = PlanBundle(view, structure, self._freshness)
            if code is None:
                self.fan_out = fan_out_of(view)
            self._bundles[code] = bundle
            self._bundles.setdefault(view.plan.code, bundle)
            return bundle
