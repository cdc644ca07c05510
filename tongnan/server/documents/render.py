"""Templates to PDF: Jinja2 (autoescaped) then WeasyPrint, off the event loop, cached by hash."""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tongnan.domain.documents import plan_notice
from tongnan.domain.documents.formatting import allow_quote_breaks
from tongnan.server.documents.cache import PdfCache, cache_key, directory_digest
from tongnan.server.documents.fetcher import TEMPLATES_DIR, TemplateFetcher

log = logging.getLogger(__name__)

Mode = Literal["process", "thread"]


class RenderTimeout(TimeoutError):
    """A document took longer than the renderer's timeout (its worker was stopped)."""


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.filters["breakable"] = allow_quote_breaks
    return env


@cache
def templates_digest() -> str:
    """Digest of the templates directory, part of every cache key."""
    return directory_digest(TEMPLATES_DIR)


def render_html(template_name: str, context: Mapping[str, Any]) -> str:
    """The document's HTML (every value escaped by Jinja2's autoescape)."""
    return _environment().get_template(template_name).render(**context)


STYLESHEET = "gbt9704.css"


class _Typesetting(threading.local):
    """What WeasyPrint may keep from one document to the next, per thread: the fonts (a
    FontConfiguration: Pango's font map, whose fonts, metrics and family look-ups stay warm)
    and the templates' stylesheet, parsed once instead of at every render. The first one in a
    process also sets up how PDFs are written (pdf_writing.py: fonts subset in one pass)."""

    def __init__(self) -> None:
        self.fonts: Any = None
        self.stylesheet: Any = None
        self.warmed = False

    def tools(self) -> tuple[Any, Any]:
        if self.fonts is None:
            from weasyprint import CSS
            from weasyprint.text.fonts import FontConfiguration

            from tongnan.server.documents import pdf_writing

            pdf_writing.install()
            fonts = FontConfiguration()
            self.stylesheet = CSS(
                filename=str(TEMPLATES_DIR / STYLESHEET),
                url_fetcher=TemplateFetcher(),
                font_config=fonts,
            )
            self.fonts = fonts
        return self.fonts, self.stylesheet


_TYPESETTING = _Typesetting()


def _layout(html: str) -> Any:
    """WeasyPrint's laid-out document, with the templates directory as base URL, the
    template-only fetcher, and the templates' stylesheet (base.html links none of its own)."""
    from weasyprint import HTML  # imported here: heavy, and only workers need it

    fonts, stylesheet = _TYPESETTING.tools()
    return HTML(
        string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=TemplateFetcher()
    ).render(stylesheets=[stylesheet], font_config=fonts)


def _imprint_alone(document: Any) -> bool:
    """True when the last page holds the 版记 (a footnote) and no text of the body."""
    from weasyprint.formatting_structure import boxes

    if len(document.pages) < 2:
        return False
    page = document.pages[-1]._page_box
    footnotes = [b for b in page.children if isinstance(b, boxes.FootnoteAreaBox)]
    if not any(b.children for b in footnotes):
        return False
    flow = [b for b in page.children if not isinstance(b, boxes.MarginBox | boxes.FootnoteAreaBox)]
    return not any(
        isinstance(box, boxes.TextBox) and box.text.strip()
        for root in flow
        for box in root.descendants()
    )


def pdf_from_html(html: str) -> bytes:
    """One HTML page set to PDF bytes."""
    pdf: bytes = _layout(html).write_pdf()
    return pdf


def render_pdf(template_name: str, context: Mapping[str, Any]) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes (synchronous, CPU-bound).

    When the 版记 does not fit under the last text and lands alone on a page, the document is
    laid out again with "（此页无正文）" at the head of that page, as GB/T 9704 asks."""
    document = _layout(render_html(template_name, context))
    if _imprint_alone(document):
        document = _layout(render_html(template_name, {**context, "imprint_alone": True}))
    pdf: bytes = document.write_pdf()
    return pdf


def _warm_worker(seed: bool = True) -> None:
    """Make a render process (or thread) ready before its first request: import WeasyPrint,
    parse the stylesheet and load the four faces the documents use (仿宋, 小标宋, 黑体, 楷体
    stand-ins); with ``seed``, then typeset the bundled seed's plan notice once. Its characters
    and parts (版头, headings, 楷体 leads, signature, 版记) are most of what any document uses, so
    the first document a worker renders does not pay for their first use (50-170 ms of CPU less,
    measured on the urge notice and the progress bulletin). Once per thread."""
    if _TYPESETTING.warmed:
        return
    try:
        pdf_from_html(
            '<p class="title">潼南</p><p class="h1">潼南</p><p class="kai">潼南</p><p>潼南</p>'
        )
    except Exception:  # pragma: no cover - a real render will report the problem
        log.exception("document worker warm-up failed")
        return
    if not seed:
        return
    try:
        render_pdf(plan_notice.TEMPLATE, {"doc": _seed_notice()})
    except Exception:  # pragma: no cover - without the bundled seed the fonts are still loaded
        log.warning("document worker warm-up: the seed plan notice did not render", exc_info=True)
    _TYPESETTING.warmed = True


def _seed_notice() -> Any:
    """The plan notice of the bundled seed (data/plans), as a fresh install has it."""
    from tongnan.domain.documents.plan_source import plan_source_from_parsed
    from tongnan.domain.parsing import parse_notice
    from tongnan.domain.plans.bundled import bundled_plan

    source = plan_source_from_parsed(parse_notice(bundled_plan().read_text(encoding="utf-8")))
    return plan_notice.build_plan_notice(source)


#: Render processes run at a lower priority, so that on a busy machine the server's own process
#: (the API) gets the CPU first and its latency stays low while documents render.
WORKER_NICENESS = 10


def _start_worker(seed: bool = False) -> None:
    """Process initializer: lower the worker's priority, then warm it up (``seed``: see
    _warm_worker)."""
    with contextlib.suppress(OSError):  # not permitted: render at normal priority
        os.nice(WORKER_NICENESS)
    _warm_worker(seed)


class DocumentRenderer:
    """Renders documents in a pool (processes by default), with a time limit and a PDF cache.

    Identical requests in flight share one render. When the last caller waiting for a render
    gives up at the time limit, a queued render is cancelled and a running one is stopped: the
    process pool is killed and replaced (renders it was running are retried once). In thread
    mode a late render cannot be stopped; it finishes and fills the cache. ``warm_start``: each
    render process typesets the seed's plan notice when it starts (a server's workers, which
    live long; not a command's, which render a batch and exit).
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        timeout: float = 60.0,
        cache: PdfCache | None = None,
        mode: Mode = "process",
        warm_start: bool = False,
    ) -> None:
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self.warm_start = warm_start
        self.timeout = timeout
        self.cache = cache if cache is not None else PdfCache()
        self.mode = mode
        self._executor: cf.Executor | None = None
        self._inflight: dict[str, cf.Future[bytes]] = {}
        self._waiters: dict[str, int] = {}
        self._lock = threading.Lock()

    def _executor_locked(self) -> cf.Executor:
        executor = self._executor
        if executor is not None and getattr(executor, "_broken", False):
            executor.shutdown(wait=False, cancel_futures=True)  # stopped after a time-out
            executor = None
        if executor is None:
            if self.mode == "process":
                executor = cf.ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.warm_start,),
                )
            else:
                executor = cf.ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="pdf")
            self._executor = executor
        return executor

    def _submit(self, key: str, template_name: str, context: Mapping[str, Any]) -> cf.Future[bytes]:
        with self._lock:
            future = self._inflight.get(key)
            if future is None:
                executor = self._executor_locked()
                future = executor.submit(render_pdf, template_name, dict(context))
                self._inflight[key] = future
                new = True
            else:
                new = False
        if new:
            future.add_done_callback(lambda f: self._finished(key, f))
        return future

    def _finished(self, key: str, future: cf.Future[bytes]) -> None:
        with self._lock:
            if self._inflight.get(key) is future:
                del self._inflight[key]
        if not future.cancelled() and future.exception() is None:
            self.cache.put(key, future.result())

    def _wait(self, key: str, delta: int) -> int:
        with self._lock:
            count = self._waiters.get(key, 0) + delta
            if count:
                self._waiters[key] = count
            else:
                self._waiters.pop(key, None)
            return count

    async def render(
        self, template_name: str, context: Mapping[str, Any], *, time_limit: float | None = None
    ) -> bytes:
        """The PDF, from the cache or rendered off the event loop; RenderTimeout when too slow."""
        key = cache_key(template_name, context, templates_digest())
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        limit = self.timeout if time_limit is None else time_limit
        for attempt in (1, 2):
            future = self._submit(key, template_name, context)
            waiting = asyncio.wrap_future(future)
            self._wait(key, +1)
            try:
                done, _ = await asyncio.wait({waiting}, timeout=limit)
            finally:
                alone = self._wait(key, -1) == 0
            if not done:
                waiting.add_done_callback(_consume)
                if alone:
                    self._abandon(future)
                raise RenderTimeout(f"rendering {template_name} took longer than {limit:g} s")
            try:
                return waiting.result()
            except cf.process.BrokenProcessPool:
                if attempt == 2:  # another request's time-out stopped the pool: render again
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def warm_up(self) -> None:
        """Start a worker and load the fonts before the first request needs them (and typeset
        the seed's plan notice, with warm_start)."""
        with self._lock:
            future = self._executor_locked().submit(_warm_worker, self.warm_start)
        await asyncio.wrap_future(future)

    def _abandon(self, future: cf.Future[bytes]) -> None:
        if future.cancel() or self.mode != "process":
            return
        log.warning("document render over its time limit: stopping the worker pool")
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the workers (call from the application's lifespan on exit)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _consume(future: asyncio.Future[bytes]) -> None:
    """Retrieve an abandoned render's outcome so asyncio does not report it as unhandled."""
    if not future.cancelled():
        future.exception()


_default: DocumentRenderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> DocumentRenderer:
    """The process-wide renderer used by ``render_pdf_async``."""
    global _default
    with _default_lock:
        if _default is None:
            _default = DocumentRenderer()
        return _default


async def render_pdf_async(
    template_name: str, context: Mapping[str, Any], *, time_limit: float | None = None
) -> bytes:
    """``render_pdf`` without blocking the event loop: pooled, time-limited, cached."""
    return await default_renderer().render(template_name, context, time_limit=time_limit)


def shutdown_default_renderer() -> None:
    global _default
    with _default_lock:
        renderer, _default = _default, None
    if renderer is not None:
        renderer.shutdown()
