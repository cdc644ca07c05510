"""Sustained progress submissions: one server process on PostgreSQL, a separate load process.

    .venv/bin/python -m bench.reporting.run [--clients 32] [--submissions 3000]

Prepares a fresh database with the bundled plan, a token per town and enough monthly rounds,
then every submission is a distinct report (as in a real round). Prints submissions per second,
median and p99 latency, the CPU each submission cost the server process, the load generator and
PostgreSQL (the backends serving the bench database, from /proc; PostgreSQL's background writers
are not counted), the audit chain check, and writes bench/results/reporting.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg
import httpx

from bench.api.run import ADMIN, REPO, RESULTS, _port, prepare
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--submissions", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # a database of this run's own: other benches on the machine recreate tongnan_bench
        database = f"tongnan_bench_reporting_{os.getpid()}"
        env = prepare("postgres", Path(tmp), database)
        tokens = asyncio.run(_tokens(env["TONGNAN_DATABASE_URL"]))  # one process, not 23 CLIs
        office = tokens.pop("")
        rounds_needed = -(-args.submissions // (len(TOWNS) * len(TOWN_TASKS)))
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
                    import time

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
                    args.submissions,
                )
            ]
            jobs_file = Path(tmp) / "jobs.json"
            jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
            print(f"load: {len(jobs)} submissions, {args.clients} clients", file=sys.stderr)
            server_cpu = cpu_seconds(server.pid)
            pg_cpu = postgres_cpu(env["TONGNAN_DATABASE_URL"])
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.reporting.load",
                    f"{base}/graphql",
                    str(jobs_file),
                    "--clients",
                    str(args.clients),
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            result = json.loads(out.stdout)
            server_cpu = cpu_seconds(server.pid) - server_cpu
            pg_after = postgres_cpu(env["TONGNAN_DATABASE_URL"])
            pg_spent = sum(cpu - pg_cpu.get(pid, 0.0) for pid, cpu in pg_after.items())
            done = max(1, result["submissions"])
            result["server_cpu_ms_per_submission"] = round(server_cpu * 1000 / done, 3)
            result["postgres_cpu_ms_per_submission"] = round(pg_spent * 1000 / done, 3)
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
    result["audit"] = verify
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reporting.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
