"""Where a progress submission's server time goes: the app in this process, no HTTP server.

    .venv/bin/python -m bench.reporting.profile [--submissions 600] [--concurrency 8] [--top 40]

A fresh PostgreSQL database with the bundled plan (as bench.reporting.run), the production app
built in this process and called as ASGI with the same request the load generator sends (the
same body, token and headers). A first pass (a tenth, at least 50) warms the statement and
document caches; then the submissions are timed (CPU of this process per submission: the app,
the database driver and the event loop, without uvicorn's HTTP parsing), then as many again run
under cProfile: the functions with the most time of their own, and that time summed by package.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import itertools
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.api.run import prepare
from bench.asgi_client import AsgiClient
from bench.reporting.load import SUBMIT, accepted
from bench.reporting.run import OPEN, TOWN_TASKS, TOWNS, _drop, _tokens

# file path fragments, first match wins: where the time of a function counts
PACKAGES = (
    ("strawberry", "/strawberry/"),
    ("graphql-core", "/graphql/"),
    ("starlette", "/starlette/"),
    ("cross_web", "/cross_web/"),
    ("tortoise", "/tortoise/"),
    ("asyncpg", "/asyncpg/"),
    ("tongnan.schema", "/tongnan/schema/"),
    ("tongnan.server", "/tongnan/server/"),
    ("tongnan.domain", "/tongnan/domain/"),
    ("asyncio", "/asyncio/"),
    ("json", "/json/"),
    ("pydantic", "/pydantic"),
)


def _package(filename: str) -> str:
    for name, fragment in PACKAGES:
        if fragment in filename:
            return name
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "other"


def _body(query: str, variables: dict[str, Any]) -> bytes:
    return json.dumps({"query": query, "variables": variables}, ensure_ascii=False).encode()


def _submission(round_id: str, task: int) -> bytes:
    return _body(
        SUBMIT,
        {
            "input": {
                "roundId": round_id,
                "taskNumber": task,
                "summary": "本月进展",
                "completion": 60,
                "expectedVersion": 0,
                "idempotencyKey": f"{round_id}/{task}",
            }
        },
    )


async def _drive(
    post: Callable[[str, bytes], Awaitable[tuple[int, bytes]]],
    jobs: list[tuple[str, bytes]],
    concurrency: int,
) -> int:
    """Run ``jobs`` ``concurrency`` at a time; the number refused."""
    queue = list(reversed(jobs))
    errors = 0

    async def worker() -> None:
        nonlocal errors
        while queue:
            token, body = queue.pop()
            status, answer = await post(token, body)
            if not accepted(f"HTTP/1.1 {status} x".encode(), answer):
                errors += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return errors


async def _run(args: argparse.Namespace, tokens: dict[str, str]) -> dict[str, Any]:
    from tongnan.server.app import create_app
    from tongnan.server.settings import Settings

    app = create_app(Settings.from_env())
    client = AsgiClient(app)
    office = tokens.pop("")
    warm = max(50, args.submissions // 10)
    total = warm + 2 * args.submissions
    async with app.router.lifespan_context(app):
        rounds_needed = -(-total // (len(TOWNS) * len(TOWN_TASKS)))
        round_ids = []
        for month in range(1, rounds_needed + 1):
            status, answer = await client.post(office, _body(OPEN, {"n": f"剖析调度{month}"}))
            assert status == 200, answer
            round_ids.append(json.loads(answer)["data"]["openReportingRound"]["round"]["id"])
        jobs = [
            (tokens[town], _submission(r, t))
            for r, t, town in itertools.islice(
                ((r, t, town) for r in round_ids for t in TOWN_TASKS for town in TOWNS), total
            )
        ]
        errors = await _drive(client.post, jobs[:warm], args.concurrency)
        timed = jobs[warm : warm + args.submissions]
        cpu, wall = time.process_time(), time.perf_counter()
        errors += await _drive(client.post, timed, args.concurrency)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        # CPU time, not wall time: on a loaded machine a socket write that wakes PostgreSQL is
        # often preempted inside the call, which wall time would count as the write's own
        profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
        profiler.enable()
        errors += await _drive(client.post, jobs[warm + args.submissions :], args.concurrency)
        profiler.disable()
    if args.dump:
        profiler.dump_stats(args.dump)
    store = app.state.graphql.schema.execution_context_class.store
    plans = {
        "compiled_payloads": getattr(store, "compiled_payloads", None),
        "fallbacks": store.fallback_reasons,
        "not_compiled": store.not_compiled,
    }
    stats = pstats.Stats(profiler, stream=io.StringIO())
    by_package: dict[str, float] = {}
    total_time = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[_package(filename)] = by_package.get(_package(filename), 0.0) + tottime
        total_time += tottime
    listing = io.StringIO()
    pstats.Stats(profiler, stream=listing).sort_stats("tottime").print_stats(args.top)
    cumulative = io.StringIO()
    pstats.Stats(profiler, stream=cumulative).sort_stats("cumulative").print_stats(args.top)
    return {
        "submissions": args.submissions,
        "concurrency": args.concurrency,
        "errors": errors,
        "cpu_ms_per_submission": round(cpu * 1000 / args.submissions, 3),
        "wall_ms_per_submission": round(wall * 1000 / args.submissions, 3),
        "compiled_plans": plans,
        "profiled_seconds": round(total_time, 3),
        "self_time_by_package": {
            name: f"{100 * seconds / total_time:.1f}%"
            for name, seconds in sorted(by_package.items(), key=lambda item: -item[1])
        },
        "_listing": listing.getvalue(),
        "_cumulative": cumulative.getvalue(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--cumulative", action="store_true", help="also list by cumulative time")
    parser.add_argument("--cpu", action="store_true", help="profile CPU time, not wall time")
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="uvloop")
    parser.add_argument("--dump", help="also write the profile here (pstats format)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = f"tongnan_bench_profile_{os.getpid()}"
        env = prepare("postgres", Path(tmp), database)
        try:
            os.environ.update(env)
            tokens = asyncio.run(_tokens(env["TONGNAN_DATABASE_URL"]))
            if args.loop == "uvloop":  # as uvicorn runs the server when uvloop is installed
                import uvloop

                result = uvloop.run(_run(args, tokens))
            else:
                result = asyncio.run(_run(args, tokens))
        finally:
            asyncio.run(_drop(database))
    print(result.pop("_listing"), file=sys.stderr)
    cumulative = result.pop("_cumulative")
    if args.cumulative:
        print(cumulative, file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
