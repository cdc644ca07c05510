"""API benchmark: one ``tongnan serve`` process, loaded by a separate process, per backend.

    .venv/bin/python -m bench.api.run [--seconds 10] [--connections 8] [--backends postgres,sqlite]

Each backend gets a fresh database with the bundled plan; the dashboard and task-detail queries
are measured in turn. Prints a table and writes bench/results/api.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import asyncpg
import httpx

from bench import UNTHROTTLED
from tongnan.domain.common.audit_key import generate_key
from tongnan.domain.common.database import DatabaseUrl

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RESULTS = REPO / "bench" / "results"
ADMIN = DatabaseUrl.parse(
    os.environ.get("TONGNAN_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
)
QUERIES = {"dashboard": HERE / "dashboard.graphql", "task_detail": HERE / "task_detail.graphql"}


def _cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tongnan.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout


async def _recreate(name: str) -> None:
    conn = await asyncpg.connect(ADMIN.asyncpg_dsn())
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def prepare(backend: str, workdir: Path, database: str = "tongnan_bench") -> dict[str, str]:
    """A fresh database (on PostgreSQL: ``database``, dropped first) with the bundled plan, and
    the environment of a server on it, with a viewer's token as BENCH_TOKEN."""
    if backend == "postgres":
        asyncio.run(_recreate(database))
        url = ADMIN.with_database(database).asyncpg_dsn()
    else:
        url = f"sqlite://{workdir / 'bench.db'}"
    env = dict(os.environ, TONGNAN_DATABASE_URL=url, TONGNAN_ENV="production", **UNTHROTTLED)
    env.setdefault("TONGNAN_AUDIT_KEY", generate_key())  # production needs one; a run's own
    _cli(env, "migrate")
    _cli(env, "import-plan", str(REPO / "data" / "plans" / "tongnan-2025-work-points.txt"))
    env["BENCH_TOKEN"] = _cli(
        env, "token", "create", "--role", "VIEWER", "--name", "bench"
    ).split()[-1]
    return env


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
"""


def _ms(text: str) -> float:
    value = float(re.sub(r"[a-z]+$", "", text))
    unit = re.sub(r"^[0-9.]+", "", text)
    return round(value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 2)


def wrk(
    url: str,
    query: str,
    token: str,
    seconds: float,
    connections: int,
    payload: dict[str, object] | None = None,
    warm_up: Callable[[], None] | None = None,
) -> dict[str, object]:
    """Load from wrk (a separate C process, 2 threads): requests/s, median and p99 latency.
    ``payload``: the whole request body instead of ``{"query": query}`` (a documentId, say);
    ``warm_up``: called between the 2 s warm-up and the measured run."""
    body = json.dumps(json.dumps(payload or {"query": query}))  # a Lua string literal
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.format(body=body, token=token))
    subprocess.run(
        ["wrk", "-t2", f"-c{connections}", "-d2s", "-s", script.name, url],
        capture_output=True,
        check=True,
    )  # warm-up
    if warm_up is not None:
        warm_up()
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "-s",
            script.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    # the "Latency Distribution" lines, e.g. "     50%  339.00us" (not the "±Stdev" column)
    median = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "tool": "wrk",
        "requests_per_second": rps,
        "median_ms": _ms(median),
        "p99_ms": _ms(p99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "connections": connections,
    }


def measure(env: dict[str, str], seconds: float, connections: int) -> dict[str, object]:
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        results: dict[str, object] = {}
        url = f"http://127.0.0.1:{port}/graphql"
        for name, path in QUERIES.items():
            if shutil.which("wrk"):
                results[name] = wrk(
                    url, path.read_text(encoding="utf-8"), env["BENCH_TOKEN"], seconds, connections
                )
                continue
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.api.load",
                    url,
                    str(path),
                    "--connections",
                    str(connections),
                    "--seconds",
                    str(seconds),
                    "--token",
                    env["BENCH_TOKEN"],
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            results[name] = json.loads(out.stdout)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--backends", default="postgres,sqlite")
    args = parser.parse_args()
    report: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "seconds": args.seconds,
        "connections": args.connections,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            report[backend] = measure(prepare(backend, Path(tmp)), args.seconds, args.connections)
    print(f"{'backend':10} {'query':12} {'req/s':>8} {'median ms':>10} {'p99 ms':>8} {'errors':>7}")
    for backend in args.backends.split(","):
        for name, row in report[backend].items():  # type: ignore[attr-defined]
            print(
                f"{backend:10} {name:12} {row['requests_per_second']:8} {row['median_ms']:10} "
                f"{row['p99_ms']:8} {row['errors']:7}"
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "api.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
