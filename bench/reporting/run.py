"""Sustained progress submissions: one server process on PostgreSQL, a separate load process.

    .venv/bin/python -m bench.reporting.run [--clients 32] [--submissions 3000] [--repeats 3]
                                            [--warm-up N]

Prepares a fresh database with the bundled plan, a token per town and enough monthly rounds,
then every submission is a distinct report (as in a real round). The server is started, and
first sent a warm-up (two submissions per client by default, at the same concurrency), reported
apart: a fresh process's first burst opens its pool's connections on cold PostgreSQL backends
and reads each token once, about 100 ms more for each of its first requests. Then ``--repeats``
measured runs one after another on the same server, each a load process of its own. Prints the
medians across the runs (and every run) of submissions per second, median and p99 latency, the
CPU each submission cost the server process, the load generator and PostgreSQL (the backends
serving the bench database, from /proc; PostgreSQL's background writers are not counted), the
audit chain check, and writes bench/results/reporting.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.api.run import ADMIN, RESULTS, _port, prepare
from bench.reporting.load import run_apart
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role
from tongnan.domain.directory.tokens import create_token

TOWN_TASKS = [1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22]
TOWN_NAMES = (
    "上和 龙形 古溪 宝龙 玉溪 米心 群力 双江 花岩 柏梓 "
    "崇龛 塘坝 新胜 太安 小渡 卧佛 五桂 田家 别口 寿桥"
)
TOWNS = ["梓潼街道", "桂林街道"] + [f"{name}镇" for name in TOWN_NAMES.split(" ")]
OPEN = """mutation($n: String!) {
  openReportingRound(input: {name: $n, dueDate: "2099-12-31"}) { round { id } } }"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far (/proc/PID/stat), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _backends(url: str) -> list[int]:
    database = DatabaseUrl.parse(url)
    conn = await asyncpg.connect(database.asyncpg_dsn())
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            database.database,
        )
    finally:
        await conn.close()
    return [int(row["pid"]) for row in rows]


async def _tokens(url: str) -> dict[str, str]:
    """A reporter's token per town, and the office's under ``""``."""
    issuer = Actor(name="cli:bench", role=Role.OFFICE_ADMIN)
    async with open_database(DatabaseUrl.parse(url)):
        tokens = {
            town: (await create_token(town, Role.UNIT_REPORTER, issuer, f"bench-{town}")).token
            for town in TOWNS
        }
        tokens[""] = (await create_token(None, Role.OFFICE_ADMIN, issuer, "bench-office")).token
    return tokens


async def _drop(name: str) -> None:
    conn = await asyncpg.connect(ADMIN.asyncpg_dsn())
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def postgres_cpu(url: str) -> dict[int, float]:
    """CPU so far of each PostgreSQL backend connected to the bench database."""
    return {pid: cpu_seconds(pid) for pid in asyncio.run(_backends(url))}


def _measured(
    base: str, jobs: list[dict[str, Any]], clients: int, folder: Path, server: int, url: str
) -> dict[str, Any]:
    """A run with the CPU each submission cost the server, the load and PostgreSQL."""
    server_cpu = cpu_seconds(server)
    pg_cpu = postgres_cpu(url)
    result = run_apart(f"{base}/graphql", jobs, clients, folder / "jobs.json")
    server_cpu = cpu_seconds(server) - server_cpu
    pg_spent = sum(cpu - pg_cpu.get(pid, 0.0) for pid, cpu in postgres_cpu(url).items())
    done = max(1, result["submissions"])
    result["server_cpu_ms_per_submission"] = round(server_cpu * 1000 / done, 3)
    result["postgres_cpu_ms_per_submission"] = round(pg_spent * 1000 / done, 3)
    return result


MEDIANS = (
    "submissions_per_second",
    "median_ms",
    "p99_ms",
    "server_cpu_ms_per_submission",
    "load_cpu_ms_per_submission",
    "postgres_cpu_ms_per_submission",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--submissions", type=int, default=3000, help="per measured run")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs, one after another")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=None,
        help="submissions sent first and reported apart (default: two per client)",
    )
    args = parser.parse_args()
    warm = 2 * args.clients if args.warm_up is None else args.warm_up
    total = warm + args.submissions * args.repeats
    with tempfile.TemporaryDirectory() as tmp:
        # a database of this run's own: other benches on the machine recreate tongnan_bench
        database = f"tongnan_bench_reporting_{os.getpid()}"
        env = prepare("postgres", Path(tmp), database)
        url = env["TONGNAN_DATABASE_URL"]
        tokens = asyncio.run(_tokens(url))  # one process, not 23 CLIs
        office = tokens.pop("")
        rounds_needed = -(-total // (len(TOWNS) * len(TOWN_TASKS)))
        port = _port()
        server = subprocess.Popen(
            [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            round_ids = []
            for month in range(1, rounds_needed + 1):
                response = httpx.post(
                    f"{base}/graphql",
                    headers={"Authorization": f"Bearer {office}"},
                    json={
                        "query": OPEN,
                        "variables": {"n": f"压测调度{month}"},
                    },
                    timeout=60,
                )
                round_ids.append(response.json()["data"]["openReportingRound"]["round"]["id"])
            jobs = [
                {"token": tokens[town], "round": r, "task": t}
                for r, t, town in itertools.islice(
                    ((r, t, town) for r in round_ids for t in TOWN_TASKS for town in TOWNS),
                    total,
                )
            ]
            print(
                f"load: {warm} to warm up, then {args.repeats} × {args.submissions} submissions, "
                f"{args.clients} clients",
                file=sys.stderr,
            )
            warm_up = (
                run_apart(f"{base}/graphql", jobs[:warm], args.clients, Path(tmp) / "jobs.json")
                if warm
                else None
            )
            runs = [
                _measured(
                    base,
                    jobs[warm + i * args.submissions : warm + (i + 1) * args.submissions],
                    args.clients,
                    Path(tmp),
                    server.pid,
                    url,
                )
                for i in range(args.repeats)
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
        checked = subprocess.run(
            [sys.executable, "-m", "tongnan.server.cli", "audit", "verify"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        verify = (checked.stdout + checked.stderr).strip()
        asyncio.run(_drop(database))
    result: dict[str, Any] = {
        "submissions": args.submissions,
        "repeats": args.repeats,
        "clients": args.clients,
        "errors": sum(run["errors"] for run in runs) + (warm_up["errors"] if warm_up else 0),
        **{key: round(statistics.median(run[key] for run in runs), 3) for key in MEDIANS},
        "warm_up": warm_up,
        "runs": runs,
        "audit": verify,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reporting.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
