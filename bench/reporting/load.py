"""Submission load, run as its own process: C clients submit distinct reports until done.

    python -m bench.reporting.load URL JOBS_FILE --clients 32

JOBS_FILE is JSON: [{"token": …, "round": …, "task": …}, …]. Prints one JSON line, with the
CPU this process spent. Each client keeps one HTTP/1.1 connection and writes requests built
before the clock starts; it reads only the status line, ``Content-Length`` and the body, so the
load costs a small fraction of what the server spends on a submission.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status } userErrors { code } } }"""


def request_bytes(host: str, path: str, job: dict[str, Any]) -> bytes:
    body = json.dumps(
        {
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
        },
        ensure_ascii=False,
    ).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {job['token']}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def accepted(status: bytes, body: bytes) -> bool:
    """A 200 whose payload has a report and no error of either kind."""
    return (
        status.split(b" ", 2)[1] == b"200"
        and b'"errors"' not in body
        and b'"userErrors":[]' in body.replace(b" ", b"")
    )


async def run(url: str, jobs: list[dict[str, Any]], clients: int) -> dict[str, Any]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    requests = [request_bytes(f"{host}:{port}", parts.path, job) for job in jobs]
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while not queue.empty():
                request = queue.get_nowait()
                started = time.perf_counter()
                writer.write(request)
                status = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                latencies.append(time.perf_counter() - started)
                if not accepted(status, body):
                    errors += 1
        finally:
            writer.close()

    cpu = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
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
        "load_cpu_ms_per_submission": round(cpu * 1000 / max(1, len(latencies)), 3),
    }


def run_apart(
    url: str, jobs: list[dict[str, Any]], clients: int, jobs_file: Path
) -> dict[str, Any]:
    """This load run as a process of its own over ``jobs`` (written to ``jobs_file`` for it):
    the figures it prints."""
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.reporting.load",
            url,
            str(jobs_file),
            "--clients",
            str(clients),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


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
