"""A load generator, run as its own process: N connections post one query for D seconds.

    python -m bench.api.load URL QUERY_FILE --connections 8 --seconds 10 [--token T]

Prints one JSON line: requests, errors, requests per second, median and p99 latency (ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

import httpx


async def _worker(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    stop: float,
    latencies: list[float],
    errors: list[int],
) -> None:
    while time.perf_counter() < stop:
        started = time.perf_counter()
        response = await client.post(url, content=body, headers=headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or b'"errors"' in response.content:
            errors.append(response.status_code)
        latencies.append(elapsed)


async def run(
    url: str, query: str, connections: int, seconds: float, token: str | None
) -> dict[str, float]:
    body = json.dumps({"query": query}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        for _ in range(20):  # warm-up: caches, connection pools
            await client.post(url, content=body, headers=headers)
        latencies: list[float] = []
        errors: list[int] = []
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(
            *(
                _worker(client, url, body, headers, stop, latencies, errors)
                for _ in range(connections)
            )
        )
        wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "seconds": round(wall, 2),
        "requests_per_second": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
        "connections": connections,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("query_file")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--token")
    args = parser.parse_args()
    query = Path(args.query_file).read_text(encoding="utf-8")
    print(json.dumps(asyncio.run(run(args.url, query, args.connections, args.seconds, args.token))))


if __name__ == "__main__":
    main()
