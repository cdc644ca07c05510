"""Plan notice render time: in-process, through the worker pool (cold), and from the cache.

Run: .venv/bin/python -m bench.documents.run [--runs N] [--out PATH] [--preview DIR]
Builds the notice from the bundled seed (no database).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdf

from tongnan.domain.documents import division_table, plan_notice, urge_notice
from tongnan.domain.documents.plan_source import plan_source_from_parsed
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.bundled import bundled_plan
from tongnan.server.documents.render import DocumentRenderer, render_pdf

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "results" / "documents.json"


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


async def _pool_runs(context: dict[str, Any], runs: int) -> dict[str, Any]:
    renderer = DocumentRenderer(workers=1)
    try:
        start = time.perf_counter()
        await renderer.warm_up()
        warm_up = time.perf_counter() - start
        cold: list[float] = []
        for _ in range(runs):
            renderer.cache.clear()
            start = time.perf_counter()
            await renderer.render(plan_notice.TEMPLATE, context)
            cold.append(time.perf_counter() - start)
        cached: list[float] = []
        for _ in range(max(runs, 100)):
            start = time.perf_counter()
            await renderer.render(plan_notice.TEMPLATE, context)
            cached.append(time.perf_counter() - start)
        return {"worker_start_s": round(warm_up, 3), "cold": _ms(cold), "cached": _ms(cached)}
    finally:
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
    parser.add_argument("--runs", type=int, default=7, help="renders per measurement (>= 7)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--preview", type=Path, help="also write PDFs and first-page PNGs here")
    args = parser.parse_args(argv)
    runs = max(7, args.runs)

    source = plan_source_from_parsed(parse_notice(bundled_plan().read_text(encoding="utf-8")))
    context: dict[str, Any] = {"doc": plan_notice.build_plan_notice(source)}
    first = _timed(lambda: render_pdf(plan_notice.TEMPLATE, context))
    pdf = render_pdf(plan_notice.TEMPLATE, context)
    in_process = _ms(
        [_timed(lambda: render_pdf(plan_notice.TEMPLATE, context)) for _ in range(runs)]
    )
    pool = asyncio.run(_pool_runs(context, runs))

    result: dict[str, Any] = {
        "document": "plan notice (潼巩固专办发〔2025〕1号), from the bundled seed",
        "pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages),
        "pdf_bytes": len(pdf),
        "in_process": {"first_render_s": round(first, 3), "cold": in_process},
        "pool": pool,
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "harfbuzz_subset": _has_hb_subset(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    }
    previews = _previews(args.preview, {"source": source}) if args.preview else []

    rows = [
        ("in-process, first render (imports, fonts)", first * 1000),
        ("in-process render, median", in_process["median_ms"]),
        ("pool, worker start + warm-up", pool["worker_start_s"] * 1000),
        ("pool, cold (cache miss), median", pool["cold"]["median_ms"]),
        ("pool, cached (cache hit), median", pool["cached"]["median_ms"]),
    ]
    print(f"plan notice: {result['pages']} pages, {len(pdf):,} bytes; {runs} runs per row")
    print(f"{'measurement':<46}{'ms':>12}")
    for label, value in rows:
        print(f"{label:<46}{value:>12.3f}")
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
