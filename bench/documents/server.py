"""A real ``tongnan serve`` on a fresh SQLite database: a light query's latency, idle and while
four clients print documents that have never been printed (every one a render, no cache hit)."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import UNTHROTTLED
from tongnan.domain.common.audit_key import generate_key
from tongnan.domain.plans.bundled import bundled_plan

QUERY = {"query": "{ plan { code } }"}
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { message } } }"""
ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { url } userErrors { message } } }"""
RENDERING_CLIENTS = 4


@dataclass(frozen=True, slots=True)
class ServerRun:
    idle: dict[str, float]
    loaded: dict[str, float]
    renders: dict[str, float]
    workers: int


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tongnan.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0, "median_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def _gql(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    response.raise_for_status()
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def _queries(client: httpx.AsyncClient, seconds: float) -> list[float]:
    """The light query, one after another, for ``seconds``."""
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        response = await client.post("/graphql", json=QUERY)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text
    return samples


async def _printing(
    client: httpx.AsyncClient, urls: list[str], stop: asyncio.Event, times: list[float]
) -> None:
    while urls and not stop.is_set():
        url = urls.pop()
        start = time.perf_counter()
        response = await client.get(url)
        assert response.status_code == 200, response.text
        times.append(time.perf_counter() - start)


async def _phases(base: str, token: str, seconds: float) -> ServerRun:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=300) as client:
        opened = await _gql(
            client, OPEN, {"input": {"name": "bench", "kind": "AD_HOC", "dueDate": "2025-06-25"}}
        )
        round_id = opened["openReportingRound"]["round"]["id"]
        urls = []
        for _ in range(int(RENDERING_CLIENTS * seconds * 2) + 8):
            issued = await _gql(
                client, ISSUE, {"input": {"kind": "PROGRESS_BULLETIN", "roundId": round_id}}
            )
            urls.append(issued["issueDocument"]["document"]["url"])
        await _queries(client, 1.0)  # warm: parser, caches, connections
        idle = await _queries(client, seconds)
        stop, render_times = asyncio.Event(), list[float]()
        printers = [
            asyncio.create_task(_printing(client, urls, stop, render_times))
            for _ in range(RENDERING_CLIENTS)
        ]
        await asyncio.sleep(0.5)  # four requests in flight before measuring
        loaded = await _queries(client, seconds)
        ran_out = not urls
        stop.set()
        await asyncio.gather(*printers)
    if ran_out:
        print("warning: the bulletins ran out before the loaded phase ended", file=sys.stderr)
    return ServerRun(
        _stats(idle), _stats(loaded), _stats(render_times), min(2, os.cpu_count() or 1)
    )


def run_server_phases(workdir: Path, seconds: float) -> ServerRun:
    """Migrate, import the bundled plan, make an office token, serve, measure, stop."""
    env = dict(
        os.environ,
        TONGNAN_DATABASE_URL=f"sqlite://{workdir / 'bench.db'}",
        TONGNAN_ENV="production",
        TONGNAN_RENDER_WARM_UP="1",
        TONGNAN_WARNING_SWEEP_SECONDS="0",
        **UNTHROTTLED,
    )
    env.setdefault("TONGNAN_AUDIT_KEY", generate_key())  # production needs one; a run's own
    _cli(env, "migrate")
    _cli(env, "import-plan", str(bundled_plan()))
    token = _cli(env, "token", "create", "--role", "OFFICE_ADMIN", "--name", "bench").split()[-1]
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("tongnan serve did not start")
            time.sleep(0.2)
        time.sleep(3)  # let the render worker start and load its fonts
        return asyncio.run(_phases(base, token, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
