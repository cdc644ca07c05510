"""``tongnan serve --workers N``: the executed dashboard and progress submissions with 1 and 2
server processes on PostgreSQL, side by side in one run.

    .venv/bin/python -m bench.workers.run [--seconds 10] [--submissions 600] [--repeats 2]

One fresh database (the bundled plan, a token per town); the runs alternate 1, 2, 1, 2 … workers.
Each run starts ``tongnan serve --workers N`` with the response cache off (every dashboard is
executed, as during a reporting round when writes keep dropping the cache), loads the dashboard
with wrk, then submits distinct reports (new rounds each run) from ``bench.reporting.load``.
CPU per request is the user+system time of the server's processes (the supervisor, its workers
and their render processes) over the measured part. The audit chain is verified at the end.
Writes bench/results/workers.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.api.run import REPO, RESULTS, _cli, _port, prepare, wrk
from bench.compare.queries import OURS
from bench.compare.run import cpu_seconds
from bench.reporting.load import run_apart
from bench.reporting.run import OPEN, TOWN_TASKS, TOWNS

SERVE = [sys.executable, "-m", "tongnan.server.cli", "serve"]
NOTES = [
    "Response cache off (TONGNAN_RESPONSE_CACHE_ENTRIES=0): every dashboard request executed.",
    "The 2 cores are shared by the server processes, PostgreSQL, wrk or the submitting client, "
    "and other work on the machine: a second worker can only use what the others leave.",
    "CPU per request: user+system time of every process of the server (supervisor, workers, "
    "render processes) over the measured part, divided by its requests or submissions.",
]


def _descendants(pid: int) -> list[int]:
    found = [pid]
    for current in found:
        for task in Path(f"/proc/{current}/task").iterdir():
            children = (task / "children").read_text().split()
            found.extend(int(child) for child in children)
    return found


def server_cpu(pid: int) -> float:
    total = 0.0
    for process in _descendants(pid):
        try:
            total += cpu_seconds(process)
        except FileNotFoundError:
            continue  # ended meanwhile
    return total


@contextmanager
def serving(env: dict[str, str], workers: int) -> Iterator[tuple[str, int]]:
    port = _port()
    process = subprocess.Popen(
        [*SERVE, "--port", str(port), "--workers", str(workers)],
        env={**env, "TONGNAN_RESPONSE_CACHE_ENTRIES": "0"},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        seen: set[int] = set()
        deadline = time.monotonic() + 120
        while len(seen) < workers:  # every worker up (each answers on its own connection)
            assert time.monotonic() < deadline, f"only {len(seen)} of {workers} workers started"
            try:
                with httpx.Client(timeout=2) as client:
                    seen.add(int(client.get(f"{base}/healthz").json()["process"]))
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def _submissions(
    base: str, env: dict[str, str], tokens: dict[str, str], office: str, count: int, run: int
) -> list[dict[str, Any]]:
    rounds_needed = -(-count // (len(TOWNS) * len(TOWN_TASKS)))
    round_ids = []
    for month in range(1, rounds_needed + 1):
        response = httpx.post(
            f"{base}/graphql",
            headers={"Authorization": f"Bearer {office}"},
            json={"query": OPEN, "variables": {"n": f"多进程压测{run}-{month}"}},
            timeout=60,
        )
        round_ids.append(response.json()["data"]["openReportingRound"]["round"]["id"])
    return [
        {"token": tokens[town], "round": r, "task": t}
        for r, t, town in itertools.islice(
            ((r, t, town) for r in round_ids for t in TOWN_TASKS for town in TOWNS), count
        )
    ]


def measure(
    env: dict[str, str],
    workers: int,
    run: int,
    args: argparse.Namespace,
    tokens: dict[str, str],
    office: str,
    workdir: Path,
) -> dict[str, Any]:
    with serving(env, workers) as (base, pid):
        before = server_cpu(pid)
        started = time.monotonic()
        dashboard: dict[str, Any] = dict(
            wrk(f"{base}/graphql", OURS, env["BENCH_TOKEN"], args.seconds, args.connections)
        )
        spent = server_cpu(pid) - before
        share = args.seconds / (time.monotonic() - started)  # wrk's 2 s warm-up left out
        requests = dashboard["requests_per_second"] * args.seconds
        dashboard["server_cpu_ms_per_request"] = round(1000 * spent * share / requests, 3)

        jobs = _submissions(base, env, tokens, office, args.submissions, run)
        before = server_cpu(pid)
        submissions = run_apart(f"{base}/graphql", jobs, args.clients, workdir / f"jobs-{run}.json")
        spent = server_cpu(pid) - before
        submissions["server_cpu_ms_per_submission"] = round(1000 * spent / len(jobs), 3)
    return {"workers": workers, "dashboard": dashboard, "submissions": submissions}


def _median(rows: list[dict[str, Any]], part: str, key: str) -> float:
    return round(statistics.median(float(r[part][key]) for r in rows), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--submissions", type=int, default=600)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare("postgres", Path(tmp), "tongnan_bench_workers")  # beside bench.compare's
        tokens = {
            town: _cli(env, "token", "create", "--unit", town, "--role", "UNIT_REPORTER").split()[
                -1
            ]
            for town in TOWNS
        }
        office = _cli(env, "token", "create", "--role", "OFFICE_ADMIN", "--name", "bench-office")
        office = office.split()[-1]
        for run, workers in enumerate([1, 2] * args.repeats):
            runs.append(measure(env, workers, run, args, tokens, office, Path(tmp)))
        verify = _cli(env, "audit", "verify").strip()
    summary = {}
    for workers in (1, 2):
        rows = [r for r in runs if r["workers"] == workers]
        summary[f"{workers} worker{'s' if workers > 1 else ''}"] = {
            "dashboard_per_second": _median(rows, "dashboard", "requests_per_second"),
            "dashboard_median_ms": _median(rows, "dashboard", "median_ms"),
            "dashboard_p99_ms": _median(rows, "dashboard", "p99_ms"),
            "dashboard_cpu_ms": _median(rows, "dashboard", "server_cpu_ms_per_request"),
            "submissions_per_second": _median(rows, "submissions", "submissions_per_second"),
            "submission_median_ms": _median(rows, "submissions", "median_ms"),
            "submission_p99_ms": _median(rows, "submissions", "p99_ms"),
            "submission_cpu_ms": _median(rows, "submissions", "server_cpu_ms_per_submission"),
            "errors": sum(r["dashboard"]["errors"] + r["submissions"]["errors"] for r in rows),
        }
    report = {
        "machine": {"cpus": os.cpu_count()},
        "seconds": args.seconds,
        "connections": args.connections,
        "submissions": args.submissions,
        "clients": args.clients,
        "summary": summary,
        "audit": verify,
        "runs": runs,
        "notes": NOTES,
    }
    print(json.dumps({"summary": summary, "audit": verify}, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "workers.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
