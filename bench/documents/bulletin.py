"""Progress bulletin (22 tasks × 30 units): render time cold and cached, and the latency of a
light GraphQL query against a real ``tongnan serve`` while four documents render at once.

Run: .venv/bin/python -m bench.documents.bulletin [--runs 7] [--seconds 10] [--out PATH]
Part 1 renders in this process and through a one-worker pool; part 2 starts a server on a fresh
SQLite database, issues bulletins through ``issueDocument``, then measures ``{ plan { code } }``
idle and while four clients each print never-printed bulletins, side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.documents.server import ServerRun, run_server_phases
from tongnan.domain.common.values import UnitKind
from tongnan.domain.directory import parse_directory
from tongnan.domain.documents.office import Office
from tongnan.domain.documents.progress_bulletin import TEMPLATE, build_progress_bulletin
from tongnan.domain.documents.progress_source import (
    RoundSource,
    TargetOutcome,
    TaskProgress,
    UnitReporting,
)
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.bundled import bundled_directory, bundled_plan
from tongnan.domain.rules.targets import Attainment, TargetVerdict
from tongnan.domain.rules.warnings import WarningLevel
from tongnan.server.documents.render import DocumentRenderer, render_pdf

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "results" / "documents_bulletin.json"


def bulletin_context(units: int = 30) -> dict[str, Any]:
    """A 22-task bulletin of a round owed by ``units`` units, every cell filled."""
    plan = parse_notice(bundled_plan().read_text(encoding="utf-8"))
    directory = parse_directory(bundled_directory().read_text(encoding="utf-8"))
    kinds = (UnitKind.DEPARTMENT, UnitKind.TOWN, UnitKind.SUBDISTRICT)
    names = [e.name for e in directory if e.kind in kinds][:units]
    levels = list(WarningLevel)
    tasks = tuple(
        TaskProgress(
            number=t.number,
            label=t.label,
            title=t.title,
            leads=t.lead_units,
            owed=units,
            submitted=units - k % 7,
            accepted=units - k % 7 - k % 3,
            returned=k % 2,
            late=k % 4,
            level=levels[k % 3],
            consolidated=tuple((lead, f"{t.title}工作有序推进。" * 3) for lead in t.lead_units),
            targets=tuple(
                TargetOutcome(
                    g.metric,
                    g.unit_of_measure,
                    TargetVerdict(
                        Attainment.ATTAINED,
                        "按牵头单位审核通过的汇总值判定",
                        g.threshold,
                        False,
                        g.threshold,
                        (),
                        (),
                        (),
                    ),
                )
                for g in t.targets
            ),
        )
        for k, t in enumerate(plan.tasks)
    )
    source = RoundSource(
        round_name="2025年6月调度",
        opened_on=dt.date(2025, 6, 1),
        due_date=dt.date(2025, 6, 25),
        as_of=dt.date(2025, 7, 12),
        tasks=tasks,
        units=tuple(
            UnitReporting(name, owed=22, on_time=22 - k % 9, late=k % 3)
            for k, name in enumerate(names)
        ),
    )
    office = Office(plan.issuer or "", plan.plan_title, plan.printed_by, plan.addressees)
    doc = build_progress_bulletin(
        source, number="潼巩固专办发〔2025〕2号", issued_on=source.as_of, office=office
    )
    return {"doc": doc}


def ms(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def render_times(context: dict[str, Any], runs: int) -> dict[str, Any]:
    pdf = render_pdf(TEMPLATE, context)  # imports and fonts, not measured
    in_process = []
    for _ in range(runs):
        start = time.perf_counter()
        render_pdf(TEMPLATE, context)
        in_process.append(time.perf_counter() - start)
    renderer = DocumentRenderer(workers=1)
    try:
        await renderer.warm_up()
        cold, cached = [], []
        for _ in range(runs):
            renderer.cache.clear()
            start = time.perf_counter()
            await renderer.render(TEMPLATE, context)
            cold.append(time.perf_counter() - start)
        for _ in range(max(100, runs)):
            start = time.perf_counter()
            await renderer.render(TEMPLATE, context)
            cached.append(time.perf_counter() - start)
    finally:
        renderer.shutdown()
    return {
        "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page"),
        "pdf_bytes": len(pdf),
        "in_process": ms(in_process),
        "pool_cold": ms(cold),
        "pool_cached": ms(cached),
    }


def _print(render: dict[str, Any], server: ServerRun) -> None:
    print(f"bulletin, 22 tasks × 30 units: {render['pdf_bytes']:,} bytes")
    print(f"{'render':<44}{'median ms':>12}{'p99 ms':>10}{'n':>6}")
    for label, key in (
        ("in process (no cache)", "in_process"),
        ("pool, cold (cache miss)", "pool_cold"),
        ("pool, cached (cache hit)", "pool_cached"),
    ):
        row = render[key]
        print(f"{label:<44}{row['median_ms']:>12.2f}{row['p99_ms']:>10.2f}{row['n']:>6}")
    print()
    print(f"{'{ plan { code } } against tongnan serve':<44}{'median ms':>12}{'p99 ms':>10}{'n':>6}")
    for label, row in (("idle", server.idle), ("4 documents rendering", server.loaded)):
        print(f"{label:<44}{row['median_ms']:>12.2f}{row['p99_ms']:>10.2f}{row['n']:>6}")
    r = server.renders
    print(
        f"renders during the loaded phase: {r['n']} PDFs, median {r['median_ms']:.0f} ms each "
        f"(4 clients, {server.workers} render workers)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    render = asyncio.run(render_times(bulletin_context(), max(3, args.runs)))
    with tempfile.TemporaryDirectory(prefix="tongnan-bench-") as workdir:
        server = run_server_phases(Path(workdir), args.seconds)
    _print(render, server)
    result = {
        "render": render,
        "server": {
            "query": "{ plan { code } }",
            "seconds_per_phase": args.seconds,
            "idle": server.idle,
            "while_4_render": server.loaded,
            "renders": server.renders,
            "render_workers": server.workers,
        },
        "environment": {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "git": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
            ).stdout.strip(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
