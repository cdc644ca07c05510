"""A plan as the API serves it: the loaded PlanView, its reporting rows and responsibility graph,
cached per process and dropped whenever a write is announced (see ``tongnan.domain.changes``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from tongnan.domain.changes import FEED, ChangeFeed
from tongnan.domain.services.plan_view import PlanView, load_plan_view
from tongnan.domain.services.reporting_view import ReportingView, load_reporting_view
from tongnan.responsibility_matrix import ResponsibilityGraph


@dataclass(slots=True)
class PlanBundle:
    view: PlanView
    reporting: ReportingView
    generation: int
    _graph: ResponsibilityGraph | None = field(default=None, init=False)

    @property
    def graph(self) -> ResponsibilityGraph:
        """Built on first use, from the same rows (no further queries)."""
        if self._graph is None:
            self._graph = ResponsibilityGraph(self.view.snapshot())
        return self._graph


class PlanCache:
    """``code -> PlanBundle`` (``None``: the current plan), valid for one feed generation."""

    def __init__(self, feed: ChangeFeed = FEED) -> None:
        self._feed = feed
        self._bundles: dict[str | None, PlanBundle] = {}
        self._lock = asyncio.Lock()

    def clear(self) -> None:
        self._bundles.clear()

    async def get(self, code: str | None) -> PlanBundle:
        bundle = self._bundles.get(code)
        if bundle is not None and bundle.generation == self._feed.generation:
            return bundle
        async with self._lock:  # one load per generation, however many requests wait for it
            bundle = self._bundles.get(code)
            generation = self._feed.generation
            if bundle is not None and bundle.generation == generation:
                return bundle
            if any(b.generation != generation for b in self._bundles.values()):
                self._bundles.clear()
            view = await load_plan_view(code)
            bundle = PlanBundle(view, await load_reporting_view(view.plan.id), generation)
            self._bundles[code] = bundle
            self._bundles.setdefault(view.plan.code, bundle)
            return bundle
