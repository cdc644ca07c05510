"""Plan notice render time: in-process, through the worker pool (cold), and from the cache.

Run: .venv/bin/python -m bench.documents.run [--runs N] [--out PATH] [--preview DIR] [--profile]
Builds the notice from the bundled seed (no database). Every measurement is made both ways,
renders alternating: "before" writes the PDF as WeasyPrint does (two-pass font subsetting,
level-9 deflate), "after" as the render processes do (server/documents/pdf_writing.py). CPU is
the rendering process's own (the worker's, through the pool). --profile also prints cProfile's
top functions of one render each way.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdf

from bench.reporting.run import cpu_seconds
from tongnan.domain.documents import division_table, plan_notice, urge_notice
from tongnan.domain.documents.plan_source import plan_source_from_parsed
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.bundled import bundled_plan
from tongnan.server.documents import pdf_writing
from tongnan.server.documents.render import DocumentRenderer, render_pdf

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "results" / "documents.json"


#: The two ways of writing the PDF, compared side by side in one run.
MODES = ("before", "after")
LABELS = {
    "before": "WeasyPrint's own writing (two-pass subsetting, deflate level 9)",
    "after": "pdf_writing.py (one-pass subsetting, no vertical metrics, deflate level 6)",
}

NOTES = [
    "Profile before (cProfile and the CPU by part below, in-process): writing the PDF took about "
    "60 % of a render's CPU. Font subsetting (Font._harfbuzz_subset: two HarfBuzz passes per "
    "face, each walking every glyph id up to the last used, above 60,000 in Noto CJK) was the "
    "largest single function, about 80 ms; then deflate at level 9 in pydyf, about 40 ms, "
    "mostly on the 2.5 MB of subset fonts; then drawing (draw_first_line), 30-70 ms. Layout "
    "(Pango line breaking, computed styles, the folios' margin boxes) was the other 40 %.",
    "Not worth changing: with the same stylesheet minus text-align: justify, minus the -0.21pt "
    "letter-spacing, or minus the folio margin boxes, layout CPU moved by 3-10 ms of about 100 "
    "(and the last two are GB/T 9704's: 28 characters a line, page numbers); the four faces "
    "(仿宋, 小标宋, 黑体, 楷体 stand-ins) are the ones GB/T 9704 asks for. Stylesheet and "
    "FontConfiguration were already kept per process.",
    "after: one HarfBuzz pass per face (the same glyphs at the same ids; a second pass only when "
    "the cmap's variation sequences keep a glyph past the last used one: Noto Sans CJK's "
    "centred 、, U+3001 U+FE01, glyph 63,145), "
    "without vhea, vmtx and VORG, and streams deflated at level 6 (0.3 % larger). Pages "
    "rasterise pixel-identical (pdftoppm) and pdftotext gives the same text; fonts stay "
    "embedded subsets (pdffonts).",
    "Profile after: layout (about 100 ms) and drawing (30-70 ms) are WeasyPrint's Python per "
    "line and per glyph; subsetting still walks every retained glyph id (about 40 ms: the PDF's "
    "text shows glyph ids, so they are kept), and deflate is about 20 ms.",
    "A server's render worker now also typesets the bundled seed's plan notice once when it "
    "starts (TONGNAN_RENDER_WARM_UP; in the worker start figure, both ways). Measured apart, "
    "in-process: a worker's first urge notice then took about 55 ms less CPU (169-174 -> "
    "111-115) and its first progress bulletin about 170 ms less (771-810 -> 615-623); the "
    "medians here are of later renders, which it does not change.",
    "The machine is shared (load average in environment): wall time is CPU time stretched by "
    "the queue for the 2 cores, so compare the CPU rows first (CPU time itself varies by a "
    "fifth from run to run with the load). Render workers run at nice 10.",
]


def _ms(samples: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "median_ms": round(statistics.median(samples) * 1000, 3),
        "min_ms": round(min(samples) * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3),
    }


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _use(mode: str) -> None:
    """Write PDFs in this process the ``mode`` way."""
    if mode == "after":
        pdf_writing.install({})
    else:
        pdf_writing.uninstall()


def _in_process(context: dict[str, Any], runs: int) -> dict[str, Any]:
    """Renders alternating before/after: wall and CPU (this process) per render, PDF bytes."""
    wall: dict[str, list[float]] = {mode: [] for mode in MODES}
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    size: dict[str, int] = {}
    for _ in range(runs):
        for mode in MODES:
            _use(mode)
            start_cpu, start = time.process_time(), time.perf_counter()
            pdf = render_pdf(plan_notice.TEMPLATE, context)
            wall[mode].append(time.perf_counter() - start)
            cpu[mode].append(time.process_time() - start_cpu)
            size[mode] = len(pdf)
    _use("after")
    return {
        mode: {
            "wall": _ms(wall[mode]),
            "cpu_median_ms": round(statistics.median(cpu[mode]) * 1000, 1),
            "pdf_bytes": size[mode],
        }
        for mode in MODES
    }


def _phases(context: dict[str, Any], runs: int) -> dict[str, dict[str, float]]:
    """Median CPU (ms) of each part of a render, both ways: layout (parsing, styles, pages),
    drawing the pages, the fonts (subsetting), serialising the PDF (deflate)."""
    import pydyf
    import weasyprint.pdf as weasyprint_pdf
    from weasyprint import document

    spent: dict[str, float] = {}

    def timing(owner: Any, name: str, label: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        setattr(owner, name, timed)
        return lambda: setattr(owner, name, original)

    restore = [
        timing(document.Document, "write_pdf", "write_pdf"),
        timing(document.Page, "paint", "draw"),
        timing(weasyprint_pdf, "build_fonts_dictionary", "fonts"),
        timing(pydyf.PDF, "write", "serialise"),
    ]
    samples: dict[str, dict[str, list[float]]] = {mode: {} for mode in MODES}
    try:
        for _ in range(runs):
            for mode in MODES:
                _use(mode)
                spent.clear()
                start = time.process_time()
                render_pdf(plan_notice.TEMPLATE, context)
                total = time.process_time() - start
                parts = {
                    "layout": total - spent["write_pdf"],
                    "draw": spent["draw"],
                    "fonts": spent["fonts"],
                    "serialise": spent["serialise"],
                    "total": total,
                }
                for label, value in parts.items():
                    samples[mode].setdefault(label, []).append(value)
    finally:
        for undo in restore:
            undo()
        _use("after")
    return {
        mode: {label: round(statistics.median(v) * 1000, 1) for label, v in parts_.items()}
        for mode, parts_ in samples.items()
    }


def _profile(context: dict[str, Any]) -> None:
    """cProfile's top functions (own time) of one render each way, printed."""
    for mode in MODES:
        _use(mode)
        profile = cProfile.Profile()
        profile.runcall(render_pdf, plan_notice.TEMPLATE, context)
        print(f"\n== cProfile, {mode}: {LABELS[mode]}")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(12)
    _use("after")


def _worker_cpu(renderer: DocumentRenderer) -> float:
    processes = getattr(renderer._executor, "_processes", None) or {}
    return sum(cpu_seconds(pid) for pid in processes)


async def _pool_runs(context: dict[str, Any], runs: int) -> dict[str, Any]:
    """One single-worker pool each way (the "before" worker started with
    TONGNAN_PDF_WRITING=weasyprint), cold renders alternating between them."""
    renderers: dict[str, DocumentRenderer] = {}
    warm_up: dict[str, float] = {}
    try:
        for mode in MODES:
            saved = os.environ.pop(pdf_writing.ENV, None)
            if mode == "before":
                os.environ[pdf_writing.ENV] = "weasyprint"
            try:
                renderers[mode] = DocumentRenderer(workers=1, warm_start=True)  # as served
                start = time.perf_counter()
                await renderers[mode].warm_up()
                warm_up[mode] = time.perf_counter() - start
            finally:
                os.environ.pop(pdf_writing.ENV, None)
                if saved is not None:
                    os.environ[pdf_writing.ENV] = saved
        cold: dict[str, list[float]] = {mode: [] for mode in MODES}
        cpu: dict[str, float] = {mode: 0.0 for mode in MODES}
        for _ in range(runs):
            for mode in MODES:
                renderer = renderers[mode]
                renderer.cache.clear()
                before_cpu = _worker_cpu(renderer)
                start = time.perf_counter()
                await renderer.render(plan_notice.TEMPLATE, context)
                cold[mode].append(time.perf_counter() - start)
                cpu[mode] += _worker_cpu(renderer) - before_cpu
        cached: list[float] = []
        for _ in range(max(runs, 100)):
            start = time.perf_counter()
            await renderers["after"].render(plan_notice.TEMPLATE, context)
            cached.append(time.perf_counter() - start)
        result: dict[str, Any] = {
            mode: {
                "worker_start_s": round(warm_up[mode], 3),
                "cold": _ms(cold[mode]),
                "worker_cpu_ms_per_render": round(1000 * cpu[mode] / runs, 1),
            }
            for mode in MODES
        }
        result["cached"] = _ms(cached)
        return result
    finally:
        for renderer in renderers.values():
            renderer.shutdown()


def _previews(directory: Path, plan_context: dict[str, Any]) -> list[str]:
    """Write each document's PDF and, with pdftoppm, its first page as PNG (60 dpi)."""
    source = plan_context["source"]
    plan = plan_notice.build_plan_notice(source)
    table = division_table.build_division_table(source)
    items = [
        urge_notice.OverdueItem(t.label + t.title, dt.date(2025, 6, 30), 12 - k)
        for k, t in enumerate(source.tasks[6:9])
    ]
    urge = urge_notice.build_urge_notice(
        unit="区人力社保局",
        items=items,
        issued_on=dt.date(2025, 7, 12),
        number="潼巩固专办发〔2025〕5号",
        issuer=source.issuer,
        plan_title=source.plan_title,
        printed_by=source.printed_by,
        cc=["区委办公室", "区政府办公室"],
    )
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    pdftoppm = shutil.which("pdftoppm")
    for name, template, doc in (
        ("plan-notice", plan_notice.TEMPLATE, plan),
        ("division-table", division_table.TEMPLATE, table),
        ("urge-notice", urge_notice.TEMPLATE, urge),
    ):
        pdf_path = directory / f"{name}.pdf"
        pdf_path.write_bytes(render_pdf(template, {"doc": doc}))
        written.append(str(pdf_path))
        if pdftoppm:
            prefix = directory / name
            cmd = [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
            subprocess.run([*cmd, str(pdf_path), str(prefix)], check=True)
            written.append(f"{prefix}.png")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="renders per measurement (>= 7)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--preview", type=Path, help="also write PDFs and first-page PNGs here")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    args = parser.parse_args(argv)
    runs = max(7, args.runs)

    source = plan_source_from_parsed(parse_notice(bundled_plan().read_text(encoding="utf-8")))
    context: dict[str, Any] = {"doc": plan_notice.build_plan_notice(source)}
    first = _timed(lambda: render_pdf(plan_notice.TEMPLATE, context))
    pdf = render_pdf(plan_notice.TEMPLATE, context)
    if args.profile:
        _profile(context)
    in_process = _in_process(context, runs)
    phases = _phases(context, runs)
    pool = asyncio.run(_pool_runs(context, runs))

    result: dict[str, Any] = {
        "document": "plan notice (潼巩固专办发〔2025〕1号), from the bundled seed",
        "pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages),
        "modes": LABELS,
        "in_process": {"first_render_s": round(first, 3), **in_process},
        "pool": pool,
        "cpu_ms_by_part": phases,
        "notes": NOTES,
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "harfbuzz_subset": _has_hb_subset(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    }
    previews = _previews(args.preview, {"source": source}) if args.preview else []

    rows = [
        (
            "in-process render, wall median (ms)",
            *(in_process[m]["wall"]["median_ms"] for m in MODES),
        ),
        ("in-process render, CPU median (ms)", *(in_process[m]["cpu_median_ms"] for m in MODES)),
        (
            "pool, cold (cache miss), wall median (ms)",
            *(pool[m]["cold"]["median_ms"] for m in MODES),
        ),
        ("pool, worker CPU per render (ms)", *(pool[m]["worker_cpu_ms_per_render"] for m in MODES)),
        ("pool, worker start + warm-up (ms)", *(pool[m]["worker_start_s"] * 1000 for m in MODES)),
        ("PDF bytes", *(in_process[m]["pdf_bytes"] for m in MODES)),
        *((f"CPU: {part} (ms)", *(phases[m][part] for m in MODES)) for part in phases["after"]),
    ]
    print(f"plan notice: {result['pages']} pages; {runs} runs per row, before/after alternating")
    print(f"in-process first render (imports, fonts): {first * 1000:.0f} ms")
    print(f"{'measurement':<44}{'before':>12}{'after':>12}")
    for label, before, after in rows:
        print(f"{label:<44}{before:>12.1f}{after:>12.1f}")
    print(f"pool, cached (cache hit), median: {pool['cached']['median_ms']:.3f} ms")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    for path in previews:
        print(f"preview: {path}")
    return 0


def _has_hb_subset() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (libharfbuzz-subset0), not fontTools."""
    from weasyprint.text import ffi

    return getattr(ffi, "harfbuzz_subset", None) is not None


if __name__ == "__main__":
    sys.exit(main())
