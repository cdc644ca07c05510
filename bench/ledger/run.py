"""Ledger benchmark: database round trips (and time) of the ledger query at 10,000 items.

    .venv/bin/python -m bench.ledger.run [--items 10000] [--backends sqlite,postgres] [--runs 5]

Each backend gets a fresh migrated database with the bundled plan and a generated ledger
(findings of every source, items of every status spread over the units, two progress updates
on every fifth item). The queries go through the real ASGI app; every SQL statement Tortoise
sends is counted. Round trips are measured at 100 items and at the full size, to show they do
not grow with the ledger. Prints a table and writes bench/results/ledger.json.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import UNTHROTTLED_POINTS
from bench.ledger.generate import generate_ledger, seed_plan
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.migrate import upgrade
from tongnan.server.app import create_app
from tongnan.server.settings import Settings

RESULTS = Path(__file__).resolve().parents[1] / "results"
ADMIN = DatabaseUrl.parse(
    os.environ.get("TONGNAN_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
)
PG_NAME = "tongnan_bench_ledger"
AS_OF = "2025-07-20"

LEDGER = """query($asOf: Date) { rectificationLedger(asOf: $asOf) {
  summary { total open inProgress completed verified overdue completionRate }
  bySource { sourceName tally { total completionRate overdue } }
  byUnit { unit { name } tally { total completionRate overdue } }
  byTask { task { number } tally { total completionRate } }
  items(first: 100) { totalCount nodes { id measures deadline status warningLevel daysOverdue
    sourceName responsibleUnit { name } responsiblePersons { name post } latestProgress } } } }"""
LEDGER_UPDATES = LEDGER.replace("latestProgress }", "latestProgress updates { content } }")
OVERDUE = """query($asOf: Date) { rectificationLedger(asOf: $asOf, filter: {overdue: true}) {
  summary { total overdue } items(first: 20) { nodes { id responsibleUnit { name } } } } }"""
EXPORT = """query($asOf: Date) { rectificationLedgerFile(asOf: $asOf) { rowCount filename } }"""
QUERIES = {
    "ledger": LEDGER,
    "ledger+updates": LEDGER_UPDATES,
    "overdue": OVERDUE,
    "export_xlsx": EXPORT,
}


class Counter(logging.Handler):
    """Counts the SQL statements Tortoise sends (it logs each at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def _recreate_pg() -> DatabaseUrl:
    conn = await asyncpg.connect(ADMIN.asyncpg_dsn())
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    finally:
        await conn.close()
    return ADMIN.with_database(PG_NAME)


async def _measure(
    client: httpx.AsyncClient, token: str, query: str, plans: Any, runs: int, *, cold: bool
) -> dict[str, Any]:
    """Round trips and median time; ``cold``: the plan is read again first, as after any write
    (warm: the plan view is cached, only the ledger itself is read). Each run asks for another
    day, so no result comes from the server's response cache."""
    logger = logging.getLogger("tortoise.db_client")
    counter = Counter()
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    headers = {"Authorization": f"Bearer {token}"}
    first_day = dt.date.fromisoformat(AS_OF)
    trips: list[int] = []
    times: list[float] = []
    try:
        for run in range(runs + 1):
            if cold:
                plans.clear()
            counter.count = 0
            # another day each time: a finished result is never served from the response cache
            day = first_day + dt.timedelta(days=run + (100 if cold else 0))
            body = {"query": query, "variables": {"asOf": day.isoformat()}}
            start = time.perf_counter()
            response = await client.post("/graphql", json=body, headers=headers)
            elapsed = time.perf_counter() - start
            payload = response.json()
            assert "errors" not in payload, payload["errors"]
            if run:  # the first run warms parsers and caches
                trips.append(counter.count)
                times.append(elapsed * 1000)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
    assert len(set(trips)) == 1, trips
    return {"round_trips": trips[0], "median_ms": round(statistics.median(times), 1)}


async def _bench_backend(url: DatabaseUrl, items: int, runs: int) -> dict[str, Any]:
    app = create_app(
        Settings(
            database_url=url,
            warning_sweep_seconds=0,
            cost_budget=UNTHROTTLED_POINTS,
            cost_refill_per_minute=UNTHROTTLED_POINTS,
        )
    )
    plans = app.state.plans
    report: dict[str, Any] = {}
    async with app.router.lifespan_context(app):
        token = await seed_plan()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            done = 0
            for size in (100, items):
                start = time.perf_counter()
                await generate_ledger(size - done, first_index=done)
                done = size
                report[str(size)] = {"generate_s": round(time.perf_counter() - start, 1)}
                for name, query in QUERIES.items():
                    report[str(size)][name] = {
                        "cold": await _measure(client, token, query, plans, runs, cold=True),
                        "warm": await _measure(client, token, query, plans, runs, cold=False),
                    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "items": args.items,
        "as_of": AS_OF,
        "date": dt.date.today().isoformat(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if backend == "postgres":
                url = asyncio.run(_recreate_pg())
            else:
                url = DatabaseUrl(backend="sqlite", path=str(Path(tmp) / "ledger.db"))
            upgrade(url)
            report[backend] = asyncio.run(_bench_backend(url, args.items, args.runs))
    print(
        f"{'backend':9} {'items':>6} {'query':15} {'trips cold':>10} {'trips warm':>10} "
        f"{'ms cold':>8} {'ms warm':>8}"
    )
    for backend in args.backends.split(","):
        for size, rows in report[backend].items():
            for name in QUERIES:
                cold, warm = rows[name]["cold"], rows[name]["warm"]
                print(
                    f"{backend:9} {size:>6} {name:15} {cold['round_trips']:>10} "
                    f"{warm['round_trips']:>10} {cold['median_ms']:>8} {warm['median_ms']:>8}"
                )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ledger.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
