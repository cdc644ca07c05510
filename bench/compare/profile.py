"""The executed dashboard (and the workbench's 总览) in one process: CPU per request, and where
it goes.

    .venv/bin/python -m bench.compare.profile [--requests 200] [--query dashboard|board]
                                              [--profile] [--top 40]

The app runs in this process on a fresh PostgreSQL database with the bundled plan (as
bench.compare prepares it), production settings, the response cache off; the requests are
handed to the ASGI app one after another, with no HTTP client or server around it (so the
figure is the app's own work, less than a served request's). ``--profile`` prints cProfile's
heaviest functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.api.run import prepare
from bench.asgi_client import AsgiClient
from bench.compare.queries import OURS
from bench.compare.run import board_request


async def _measure(
    env: dict[str, str],
    payload: dict[str, Any],
    requests: int,
    concurrency: int,
    profile: cProfile.Profile | None,
) -> dict[str, float | int]:
    from tongnan.server.app import create_app
    from tongnan.server.settings import Settings

    app = create_app(Settings.from_env(env))
    body = json.dumps(payload).encode()
    caller = AsgiClient(app)

    async def one() -> bytes:
        status, answer = await caller.post(env["BENCH_TOKEN"], body)
        assert status == 200, answer
        return answer

    async with app.router.lifespan_context(app):
        for _ in range(max(20, requests // 10)):  # warm: plans compiled, caches filled
            sent = await one()
            answer = json.loads(sent)
            assert "errors" not in answer, answer
        cpu, wall = time.process_time(), time.perf_counter()
        if profile is not None:
            profile.enable()
        if concurrency == 1:
            for _ in range(requests):
                await one()
        else:

            async def client() -> None:
                for _ in range(requests // concurrency):
                    await one()

            await asyncio.gather(*(client() for _ in range(concurrency)))
            requests = requests // concurrency * concurrency
        if profile is not None:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "requests": requests,
        "response_bytes": len(sent),
        "cpu_ms_per_request": round(1000 * cpu / requests, 3),
        "wall_ms_per_request": round(1000 * wall / requests, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--query", choices=("dashboard", "board"), default="dashboard")
    parser.add_argument("--text", help="another query's text instead (a viewer's token)")
    parser.add_argument("--concurrency", type=int, default=1, help="requests in flight at once")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--database", default="tongnan_profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare("postgres", Path(tmp), database=args.database)
        env["TONGNAN_RESPONSE_CACHE_ENTRIES"] = "0"
        if args.text:
            payload: dict[str, Any] = {"query": args.text}
        elif args.query == "dashboard":
            payload = {"query": OURS}
        else:
            payload = board_request(env)
        profile = cProfile.Profile() if args.profile else None
        figures = asyncio.run(_measure(env, payload, args.requests, args.concurrency, profile))
    print(json.dumps({"query": "text" if args.text else args.query, **figures}))
    if profile is not None:
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
