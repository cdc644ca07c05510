"""docs/BENCHMARKS.md, made from the JSON results the benchmarks leave in bench/results/."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
REPORT = REPO / "docs" / "BENCHMARKS.md"

COMMANDS = {
    "matrix": "python -m bench.matrix.run",
    "api": "python -m bench.api.run --seconds 10",
    "compare": "python -m bench.compare.run --seconds 10 --repeats 3",
    "reporting": "python -m bench.reporting.run --submissions 3000 --clients 32 --repeats 3",
    "documents": "python -m bench.documents.run",
    "ledger": "python -m bench.ledger.run",
    "notifications": "python -m bench.notifications.run",
    "workers": "python -m bench.workers.run",
}


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["_when"] = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).strftime(
        "%Y-%m-%d %H:%M UTC"
    )
    return data


def _rows(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _summary(name: str, data: dict[str, Any]) -> str:
    """The headline figures of the benchmarks whose result shape is known; '' otherwise."""
    if name == "api":
        return _rows(
            ["backend", "query", "req/s", "median ms", "p99 ms", "errors"],
            [
                [backend, query, r["requests_per_second"], r["median_ms"], r["p99_ms"], r["errors"]]
                for backend in ("postgres", "sqlite")
                if isinstance(data.get(backend), dict)
                for query, r in data[backend].items()
            ],
        )
    if name == "compare":
        table = _rows(
            ["server", "req/s", "median ms", "p99 ms", "server CPU ms/req", "wrk CPU ms/req"],
            [
                [
                    server,
                    r["requests_per_second"],
                    r["median_ms"],
                    r["p99_ms"],
                    r.get("server_cpu_ms_per_request", "–"),
                    r.get("load_cpu_ms_per_request", "–"),
                ]
                for server, r in data["servers"].items()
            ],
        )
        ratios = "".join(f"- {label}: **{value}**\n" for label, value in data["ratios"].items())
        notes = "".join(f"- {note}\n" for note in data.get("notes", ()))
        return (
            table
            + "\nRatios of requests per second (medians of the repeats):\n\n"
            + ratios
            + ("\nNotes:\n\n" + notes if notes else "")
        )
    if name == "workers":
        keys = [
            ("dashboard_per_second", "dashboard req/s"),
            ("dashboard_median_ms", "median ms"),
            ("dashboard_p99_ms", "p99 ms"),
            ("dashboard_cpu_ms", "server CPU ms/req"),
            ("submissions_per_second", "submissions/s"),
            ("submission_median_ms", "median ms"),
            ("submission_p99_ms", "p99 ms"),
            ("submission_cpu_ms", "server CPU ms/submission"),
            ("errors", "errors"),
        ]
        table = _rows(
            ["server processes", *(label for _, label in keys)],
            [[n, *(row[key] for key, _ in keys)] for n, row in data["summary"].items()],
        )
        notes = "".join(f"- {note}\n" for note in data.get("notes", ()))
        return table + f"\nAudit: {data.get('audit', '')}\n\nNotes:\n\n{notes}"
    if name == "reporting":
        notes = "".join(f"- {note}\n" for note in data.get("notes", ()))
        warm = data.get("warm_up")
        runs = data.get("runs") or [data]

        def row(label: str, run: dict[str, Any]) -> list[Any]:
            return [
                label,
                run["submissions"],
                run["submissions_per_second"],
                run["median_ms"],
                run["p99_ms"],
                run.get("server_cpu_ms_per_submission", "–"),
                run.get("load_cpu_ms_per_submission", "–"),
                run.get("postgres_cpu_ms_per_submission", "–"),
                run["errors"],
            ]

        rows = [row(f"run {i}", run) for i, run in enumerate(runs, 1)]
        if len(runs) > 1:
            rows.append(row("**median**", data))
        if warm:
            rows.insert(0, row("warm-up (apart)", warm))
        return (
            f"{data['clients']} clients, one server process on PostgreSQL; CPU per submission "
            "in ms (server process, load generator, PostgreSQL backends):\n\n"
            + _rows(
                [
                    "",
                    "submissions",
                    "per second",
                    "median ms",
                    "p99 ms",
                    "server CPU",
                    "load CPU",
                    "PostgreSQL CPU",
                    "errors",
                ],
                rows,
            )
            + f"\n{data.get('audit', '')}\n"
            + ("\nNotes:\n\n" + notes if notes else "")
        )
    if name == "notifications":
        delivery, subs = data["delivery"], data["submissions"]
        return (
            _rows(
                ["phase", "count", "seconds", "per second"],
                [
                    [
                        "queued (outbox writes)",
                        data["queue"]["notifications"],
                        data["queue"]["seconds"],
                        data["queue"]["per_second"],
                    ],
                    [
                        f"delivered ({delivery['workers']} worker)",
                        delivery["delivered"],
                        delivery["seconds_sending"],
                        delivery["per_second"],
                    ],
                ],
            )
            + "\n"
            + _rows(
                ["submissions", "count", "per second", "median ms", "p99 ms", "errors"],
                [
                    [
                        label,
                        r["submissions"],
                        r["submissions_per_second"],
                        r["median_ms"],
                        r["p99_ms"],
                        r["errors"],
                    ]
                    for label, r in (
                        ("without deliveries", subs["without_deliveries"]),
                        ("with deliveries running", subs["with_deliveries"]),
                    )
                ],
            )
            + f"\nDeliveries during the second run: {subs['deliveries_during_the_run']}; "
            f"receiver: {data['receiver']}\n" + _notification_costs(data)
        )
    if name == "documents" and "modes" in data:
        return _documents(data)
    if name == "matrix":
        rows = [[q, r.get("median_us"), r.get("p99_us")] for q, r in data["questions"].items()]
        rows += [[u, r.get("median_us"), r.get("p99_us")] for u, r in data["updates"].items()]
        return (
            f"{data['meta']}\n\nbuild: {data['build']}; memory: {data['memory']}\n\n"
            + _rows(["question / update", "median µs", "p99 µs"], rows)
            + f"\ntargets: {data['targets']}\n"
        )
    return ""


def _documents(data: dict[str, Any]) -> str:
    """The plan notice both ways (before/after), side by side."""
    modes = ("before", "after")
    run, pool, parts = data["in_process"], data["pool"], data["cpu_ms_by_part"]
    rows = [
        ["in-process render, wall median ms", *(run[m]["wall"]["median_ms"] for m in modes)],
        ["in-process render, CPU median ms", *(run[m]["cpu_median_ms"] for m in modes)],
        ["pool, cold (cache miss), wall median ms", *(pool[m]["cold"]["median_ms"] for m in modes)],
        ["pool, worker CPU ms per render", *(pool[m]["worker_cpu_ms_per_render"] for m in modes)],
        ["pool, worker start + warm-up s", *(pool[m]["worker_start_s"] for m in modes)],
        ["PDF bytes", *(run[m]["pdf_bytes"] for m in modes)],
        *([f"CPU ms: {part}", *(parts[m][part] for m in modes)] for part in parts["after"]),
    ]
    labels = "".join(f"- {mode}: {label}\n" for mode, label in data["modes"].items())
    notes = "".join(f"- {note}\n" for note in data.get("notes", ()))
    return (
        f"{data['document']}, {data['pages']} pages; "
        f"pool cache hit: {pool['cached']['median_ms']} ms (median)\n\n"
        + _rows(["measurement", "before", "after"], rows)
        + "\n"
        + labels
        + ("\nNotes:\n\n" + notes if notes else "")
    )


def _notification_costs(data: dict[str, Any]) -> str:
    """CPU seconds of each process per phase, and what PostgreSQL saw (when measured)."""
    phases = [
        ("delivery alone", data["delivery"].get("measured")),
        (
            "submissions without deliveries",
            data["submissions"]["without_deliveries"].get("measured"),
        ),
        ("submissions with deliveries", data["submissions"]["with_deliveries"].get("measured")),
    ]
    phases = [(label, m) for label, m in phases if m]
    if not phases:
        return ""
    names = sorted({n for _, m in phases for n in m["cpu_seconds"]})
    rows = [
        [
            label,
            m["seconds"],
            *(m["cpu_seconds"].get(n, "–") for n in names),
            m["postgres"]["plan_structure_loads"],
            m["postgres"]["change_notifications"],
            m["postgres"]["lock_waits_seen"],
            m["machine_load_1min"],
        ]
        for label, m in phases
    ]
    header = [
        "phase",
        "seconds",
        *(f"CPU s: {n}" for n in names),
        "plan loads",
        "NOTIFY by kind",
        "lock waits seen",
        "load avg",
    ]
    with_ = data["submissions"]["with_deliveries"].get("measured", {})
    without = data["submissions"]["without_deliveries"].get("measured", {})
    per = (
        f"\nServer CPU per submission: {without.get('server_cpu_ms_per_submission')} ms without "
        f"deliveries, {with_.get('server_cpu_ms_per_submission')} ms with them.\n"
    )
    return "\n" + _rows(header, rows) + per


def _block(name: str, data: dict[str, Any]) -> str:
    body = json.dumps({k: v for k, v in data.items() if k != "_when"}, ensure_ascii=False, indent=2)
    try:
        summary = _summary(name, data)
    except (KeyError, TypeError):
        summary = ""
    command = COMMANDS[name] + (f" {data['arguments']}" if data.get("arguments") else "")
    return (
        f"## {name}\n\nCommand: `.venv/bin/{command}` · measured {data['_when']}\n\n"
        f"{summary}\n<details><summary>all figures</summary>\n\n```json\n{body}\n```\n</details>\n"
    )


def write_report(names: Sequence[str] = ()) -> Path:
    """docs/BENCHMARKS.md from bench/results/; with ``names``, only those sections are made
    again and the others are kept as the file has them (their results may be elsewhere)."""
    kept = _existing_sections() if names else {}
    sections = [
        "# Benchmarks\n",
        "Made by `.venv/bin/python -m bench` (or `--report` to rewrite this file from the last "
        "results). Speed is measured here, never asserted in tests: these machines are shared, so "
        "compare figures from one run, side by side, and read medians.\n",
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.platform()}.\n",
    ]
    for name in COMMANDS:
        data = _load(name)
        if name in kept and name not in names:
            sections.append(kept[name])
        elif data is None:
            sections.append(f"## {name}\n\nNot run yet: `.venv/bin/{COMMANDS[name]}`.\n")
        else:
            sections.append(_block(name, data))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(sections), encoding="utf-8")
    return REPORT


def _existing_sections() -> dict[str, str]:
    """The sections of the report as it is, by name."""
    if not REPORT.exists():
        return {}
    parts = re.split(r"(?m)^(?=## )", REPORT.read_text(encoding="utf-8"))
    found = {}
    for part in parts[1:]:
        name = part.split("\n", 1)[0].removeprefix("## ").strip()
        found[name] = part.rstrip("\n") + "\n"
    return found
