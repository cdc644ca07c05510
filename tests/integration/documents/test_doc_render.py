"""Rendering machinery: the template-only fetcher, the fonts check, the pool, cache, timeout."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pypdf
import pytest
from jinja2 import TemplateNotFound

from tests.integration.documents.docsamples import urge_example
from tests.support.pdf import read_pdf
from tongnan.domain.documents import plan_notice, urge_notice
from tongnan.domain.documents.plan_source import PlanSource
from tongnan.server.documents import fonts, render
from tongnan.server.documents.fetcher import TEMPLATES_DIR, FetchRefused, TemplateFetcher
from tongnan.server.documents.render import DocumentRenderer, RenderTimeout, pdf_from_html


class _Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    _Counting.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        (TEMPLATES_DIR / ".." / ".." / "pyproject.toml").as_uri(),
        TEMPLATES_DIR.as_uri() + "/../../pyproject.toml",
        TEMPLATES_DIR.as_uri() + "/%2e%2e/%2e%2e/pyproject.toml",
        "file://example.org" + str(TEMPLATES_DIR / "gbt9704.css"),
        "http://127.0.0.1:9/gbt9704.css",
        "https://example.org/gbt9704.css",
        "ftp://example.org/x",
        "data:text/css,body{color:red}",
    ],
)
def test_the_fetcher_refuses_anything_but_template_files(url: str) -> None:
    with pytest.raises(FetchRefused):
        TemplateFetcher().fetch(url)


def test_the_fetcher_serves_the_stylesheet() -> None:
    response = TemplateFetcher().fetch((TEMPLATES_DIR / "gbt9704.css").as_uri())
    try:
        assert response.content_type == "text/css"
        assert b"@page" in response.read()
    finally:
        response.close()


def test_a_document_cannot_reach_the_network_or_other_files(http_server: str) -> None:
    html = f"""<html><head>
    <link rel="stylesheet" href="{http_server}/a.css">
    <link rel="stylesheet" href="file:///etc/passwd">
    <link rel="attachment" href="file:///etc/passwd">
    <style>@import url("{http_server}/b.css"); p {{ background: url({http_server}/c.png) }}</style>
    </head><body><p>潼南</p><img src="{http_server}/d.png"><img src="file:///etc/passwd">
    <object data="file:///etc/passwd"></object><iframe src="{http_server}/e"></iframe>
    </body></html>"""

    pdf = pdf_from_html(html)

    assert _Counting.hits == []
    assert "root:" not in "".join(p.text for p in read_pdf(pdf))
    assert pypdf.PdfReader(io.BytesIO(pdf)).attachments == {}


def test_check_fonts_finds_a_cjk_serif() -> None:
    report = fonts.check_fonts()
    assert report.serif in fonts.SERIF
    assert report.sans is not None and report.kai is not None


def test_missing_fonts_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_cjk_families", lambda: {"DejaVu Sans"})
    with pytest.raises(
        fonts.MissingFonts, match="apt-get install fonts-noto-cjk fonts-arphic-ukai"
    ):
        fonts.check_fonts()
    monkeypatch.undo()
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(fonts.MissingFonts, match="fonts-noto-cjk"):
        fonts.check_fonts()


@pytest.fixture
async def renderer() -> AsyncIterator[DocumentRenderer]:
    made = DocumentRenderer(workers=1, timeout=120)
    try:
        yield made
    finally:
        made.shutdown()


async def _render_with_heartbeat(
    renderer: DocumentRenderer, template: str, context: Mapping[str, Any]
) -> tuple[bytes, float]:
    """The PDF and the longest pause of a 10 ms heartbeat on the event loop meanwhile."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def beat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    task = asyncio.create_task(beat())
    try:
        pdf = await renderer.render(template, context)
    finally:
        done.set()
        await task
    return pdf, max(gaps)


async def test_rendering_runs_off_the_event_loop_and_is_cached(
    renderer: DocumentRenderer, seed_source: PlanSource
) -> None:
    context = {"doc": plan_notice.build_plan_notice(seed_source)}

    pdf, longest_pause = await _render_with_heartbeat(renderer, plan_notice.TEMPLATE, context)

    assert pdf.startswith(b"%PDF") and len(read_pdf(pdf)) >= 9
    assert longest_pause < 0.25  # a render in the loop would block it for ~0.8 s
    started = time.perf_counter()
    again = await renderer.render(plan_notice.TEMPLATE, context)
    assert time.perf_counter() - started < 0.05
    assert again == pdf
    assert (renderer.cache.hits, len(renderer.cache)) == (1, 1)
    other = await renderer.render(urge_notice.TEMPLATE, {"doc": urge_example()})
    assert other != pdf and len(renderer.cache) == 2


async def test_a_render_over_time_is_stopped_and_others_are_retried(
    renderer: DocumentRenderer, seed_source: PlanSource, caplog: pytest.LogCaptureFixture
) -> None:
    await renderer.warm_up()
    variant = dataclasses.replace(seed_source, title="关于印发另一份工作要点的通知")
    first = {"doc": plan_notice.build_plan_notice(variant)}
    late = {"doc": plan_notice.build_plan_notice(seed_source)}
    running = asyncio.create_task(renderer.render(plan_notice.TEMPLATE, first, time_limit=120))
    await asyncio.sleep(0.05)

    with pytest.raises(RenderTimeout, match=r"plan_notice\.html"):
        await renderer.render(plan_notice.TEMPLATE, late, time_limit=0.3)

    assert "stopping the worker pool" in caplog.text
    # the pool was killed under the first render: it was rendered again, on a new pool
    assert "另一份" in "".join(p.text for p in read_pdf(await running))
    assert len(renderer.cache) == 1
    pdf = await renderer.render(urge_notice.TEMPLATE, {"doc": urge_example()}, time_limit=120)
    assert pdf.startswith(b"%PDF")


async def test_identical_requests_in_flight_share_one_render(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    gate = threading.Event()

    def slow_render(template_name: str, context: Mapping[str, Any]) -> bytes:
        calls.append(template_name)
        gate.wait(5)
        return b"%PDF-fake"

    monkeypatch.setattr(render, "render_pdf", slow_render)
    threads = DocumentRenderer(workers=2, mode="thread")
    try:
        waiting = [
            asyncio.create_task(threads.render("x.html", {"n": 1, "m": [1, 2]})),
            asyncio.create_task(threads.render("x.html", {"m": [1, 2], "n": 1})),
        ]
        await asyncio.sleep(0.05)
        gate.set()
        assert await asyncio.gather(*waiting) == [b"%PDF-fake", b"%PDF-fake"]
        assert calls == ["x.html"]
        assert await threads.render("x.html", {"n": 1, "m": [1, 2]}) == b"%PDF-fake"
        assert calls == ["x.html"]
    finally:
        threads.shutdown()


async def test_render_pdf_async_uses_the_shared_renderer() -> None:
    try:
        pdf = await render.render_pdf_async(urge_notice.TEMPLATE, {"doc": urge_example()})
        assert read_pdf(pdf)[0].text
    finally:
        render.shutdown_default_renderer()


async def test_a_failed_render_is_reported_and_not_cached() -> None:
    threads = DocumentRenderer(mode="thread")
    try:
        with pytest.raises(TemplateNotFound, match=r"missing\.html"):
            await threads.render("missing.html", {})
        assert len(threads.cache) == 0
    finally:
        threads.shutdown()
