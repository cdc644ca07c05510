"""Submission load, run as its own process: C clients submit distinct reports until done.

    python -m bench.reporting.load URL JOBS_FILE --clients 32

JOBS_FILE is JSON: [{"token": …, "round": …, "task": …}, …]. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status } userErrors { code } } }"""


async def run(url: str, jobs: list[dict[str, Any]], clients: int) -> dict[str, Any]:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    latencies: list[float] = []
    errors = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            job = queue.get_nowait()
            body = {
                "query": SUBMIT,
                "variables": {
                    "input": {
                        "roundId": job["round"],
                        "taskNumber": job["task"],
                        "summary": "本月进展",
                        "completion": 60,
                        "expectedVersion": 0,  # a new report
                        "idempotencyKey": f"{job['round']}/{job['task']}",
                    }
                },
            }
            started = time.perf_counter()
            response = await http.post(
                url, json=body, headers={"Authorization": f"Bearer {job['token']}"}
            )
            latencies.append(time.perf_counter() - started)
            data = response.json()
            if (
                response.status_code != 200
                or data.get("errors")
                or data["data"]["submitProgressReport"]["userErrors"]
            ):
                errors += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "submissions": len(latencies),
        "errors": errors,
        "seconds": round(wall, 2),
        "submissions_per_second": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000, 2),
        "clients": clients,
        # this process's own CPU (user + system), so a bench can show what the load itself cost
        "load_cpu_seconds": round(_cpu(), 2),
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("jobs_file")
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    jobs = json.loads(Path(args.jobs_file).read_text(encoding="utf-8"))
    print(json.dumps(asyncio.run(run(args.url, jobs, args.clients))))


if __name__ == "__main__":
    main()
