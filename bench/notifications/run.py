"""Notification delivery: 10,000 queued notifications delivered by a real ``tongnan worker`` to a
local DingTalk-format robot (signatures and idempotency keys checked, in a process of its own),
and progress submissions per second with and without deliveries running beside them. Each
phase also reports the CPU of every process (server, worker, receiver, load generator, the
bench database's PostgreSQL backends), PostgreSQL's wait events and lock waits, and the change
notifications sent (``probe``), so the two submission runs can be compared honestly on a
shared machine.

    .venv/bin/python -m bench.notifications.run [--backend postgres] [--notifications 10000]
        [--workers 1] [--submissions 1000] [--clients 16]

Prints JSON and writes bench/results/notifications.json.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import UNTHROTTLED
from bench.api.run import ADMIN, REPO, RESULTS, _cli, _port, _recreate
from bench.notifications.probe import Phase
from bench.reporting.load import run_apart
from bench.reporting.run import OPEN, TOWN_TASKS, TOWNS
from tests.support.receivers import free_port
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.audit_key import generate_key, parse_key
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Role
from tongnan.domain.models import NotificationDelivery, Unit
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.channels import ChannelRequest, set_channel
from tongnan.domain.notifications.outbox import enqueue
from tongnan.domain.notifications.sealing import install_key

SECRET = "SECbench-signing-secret"
DATABASE = "tongnan_bench_notify"
OFFICE = Actor(name="bench", role=Role.OFFICE_ADMIN)
WORKER_ENV = {
    "TONGNAN_NOTIFY_POLL_SECONDS": "0.05",
    "TONGNAN_NOTIFY_BATCH": "200",
    "TONGNAN_NOTIFY_CONCURRENCY": "64",
}


def _prepare(backend: str, workdir: Path) -> dict[str, str]:
    if backend == "postgres":
        asyncio.run(_recreate(DATABASE))
        url = ADMIN.with_database(DATABASE).asyncpg_dsn()
    else:
        url = f"sqlite://{workdir / 'bench.db'}"
    env = {
        **dict(os.environ),
        "TONGNAN_DATABASE_URL": url,
        "TONGNAN_ENV": "production",
        **UNTHROTTLED,
    }
    env.setdefault("TONGNAN_AUDIT_KEY", generate_key())
    _cli(env, "migrate")
    _cli(env, "import-plan", str(REPO / "data" / "plans" / "tongnan-2025-work-points.txt"))
    return env


async def _channels(env: dict[str, str], robot_url: str) -> None:
    install_key(parse_key(env["TONGNAN_AUDIT_KEY"]))
    async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
        now = dt.datetime.now(dt.UTC)
        for unit in await Unit.all().order_by("id"):
            request = ChannelRequest(
                unit.id, ChannelKind.DINGTALK, True, 0, webhook_url=robot_url, secret=SECRET
            )
            await set_channel(OFFICE, request, now)


async def _queue(env: dict[str, str], count: int, tag: str) -> dict[str, Any]:
    """``count`` notifications, one delivery each, written as the use cases write them."""
    async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
        units = [u.id for u in await Unit.all().order_by("id")]
        message = templates.round_opened("压测调度", dt.date(2099, 1, 25), 3, "/#/rounds/1")
        started = time.perf_counter()
        queued = 0
        for n in itertools.count():
            if queued >= count:
                break
            chosen = units[: count - queued]
            async with UnitOfWork():
                queued += len(await enqueue(chosen, f"{tag}:{n}", message, dt.datetime.now(dt.UTC)))
        seconds = time.perf_counter() - started
    return {
        "notifications": queued,
        "seconds": round(seconds, 2),
        "per_second": round(queued / seconds, 1),
    }


async def _delivered(env: dict[str, str]) -> int:
    async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
        return await NotificationDelivery.filter(status=DeliveryStatus.DELIVERED).count()


class Robot:
    """The receiver process: ``python -m bench.notifications.receiver``."""

    def __init__(self, secret: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.notifications.receiver", str(self.port), secret],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._http = httpx.Client(timeout=10, trust_env=False)
        for _ in range(300):
            try:
                self.stats()
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the receiver did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/robot/send?access_token=test-token"

    def stats(self) -> dict[str, int]:
        answer: dict[str, int] = self._http.get(f"http://127.0.0.1:{self.port}/robot/stats").json()
        return answer

    def accepted(self) -> int:
        return self.stats()["accepted"]

    def stop(self) -> None:
        self._http.close()
        self.process.terminate()
        self.process.wait(timeout=30)


WORKER_LOG = Path(tempfile.gettempdir()) / "tongnan-bench-notify-worker.log"


def _workers(env: dict[str, str], count: int) -> list[subprocess.Popen[bytes]]:
    """``count`` real ``tongnan worker`` processes; their output goes to WORKER_LOG."""
    log = WORKER_LOG.open("ab")
    return [
        subprocess.Popen(
            [sys.executable, "-m", "tongnan.server.cli", "worker"],
            env={**env, **WORKER_ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(count)
    ]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for p in processes:
        p.terminate()
    for p in processes:
        p.wait(timeout=30)


POLL_SECONDS = 0.1  # how often the bench asks the receiver how far it got


def _dsn(env: dict[str, str]) -> str:
    return DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"]).asyncpg_dsn()


def _deliver(env: dict[str, str], robot: Robot, total: int, workers: int) -> dict[str, Any]:
    before = robot.accepted()
    started = time.perf_counter()
    with Phase(
        _dsn(env),
        DATABASE,
        {"bench (poller, sampler)": [os.getpid()], "receiver": [robot.process.pid]},
    ) as phase:
        processes = _workers(env, workers)
        phase.add("worker", [p.pid for p in processes])
        first: float | None = None
        try:
            while (seen := robot.stats())["accepted"] - before < total:
                if first is None and seen["received"] > before:
                    first = time.perf_counter()
                if time.perf_counter() - started > 600:
                    raise RuntimeError("deliveries did not finish in 10 minutes")
                time.sleep(POLL_SECONDS)
            done = time.perf_counter()
            # the last answers recorded as delivered
            while asyncio.run(_delivered(env)) < before + total:
                time.sleep(0.05)
            recorded = time.perf_counter()
        finally:
            _stop(processes)
    sending = done - (first or started)
    return {
        "workers": workers,
        "delivered": total,
        "seconds_from_start": round(done - started, 2),
        "seconds_sending": round(sending, 2),
        "per_second": round(total / sending, 1),
        "all_recorded_after_s": round(recorded - started, 2),
        "measured": phase.result,
    }


def _submit(
    env: dict[str, str],
    base: str,
    jobs: list[dict[str, Any]],
    clients: int,
    tmp: Path,
    phase: Phase,
) -> dict[str, Any]:
    """One submission run by the load generator (its own process); its CPU joins ``phase``."""
    with phase:
        result = run_apart(f"{base}/graphql", jobs, clients, tmp / f"jobs-{jobs[0]['round']}.json")
    measured = phase.result
    measured["cpu_seconds"]["load generator"] = result["load_cpu_seconds"]
    measured["cpu_share_of_one_core"]["load generator"] = round(
        result["load_cpu_seconds"] / measured["seconds"], 2
    )
    measured["server_cpu_ms_per_submission"] = round(
        1000 * measured["cpu_seconds"]["server"] / result["submissions"], 2
    )
    measured["postgres_cpu_ms_per_submission"] = round(
        1000
        * measured["cpu_seconds"]["postgres (bench database's backends)"]
        / result["submissions"],
        2,
    )
    result["measured"] = measured
    return result


def _wait_for_server(base: str) -> None:
    for _ in range(300):
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    if args.backend != "postgres":
        parser.error("the measurements read PostgreSQL's statistics: --backend postgres")
    robot = Robot(SECRET)
    result: dict[str, Any] = {
        "backend": args.backend,
        "cpus": os.cpu_count(),
        "arguments": " ".join(sys.argv[1:]),
    }
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            env = _prepare(args.backend, tmp)
            asyncio.run(_channels(env, robot.url))
            result["queue"] = asyncio.run(_queue(env, args.notifications, "bench"))
            result["delivery"] = _deliver(env, robot, args.notifications, args.workers)
            _progress("delivery", result["delivery"])

            tokens = {
                town: _cli(
                    env, "token", "create", "--unit", town, "--role", "UNIT_REPORTER"
                ).split()[-1]
                for town in TOWNS
            }
            office = _cli(
                env, "token", "create", "--role", "OFFICE_ADMIN", "--name", "bench-office"
            ).split()[-1]
            port = _port()
            server = subprocess.Popen(
                [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
                env={**env, "TONGNAN_NOTIFY_WORKER": "0"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                _wait_for_server(base)
                per_round = len(TOWNS) * len(TOWN_TASKS)
                rounds_each = -(-args.submissions // per_round)
                round_ids = []
                for month in range(1, 2 * rounds_each + 1):
                    response = httpx.post(
                        f"{base}/graphql",
                        headers={"Authorization": f"Bearer {office}"},
                        json={"query": OPEN, "variables": {"n": f"压测调度{month}"}},
                        timeout=60,
                    )
                    round_ids.append(response.json()["data"]["openReportingRound"]["round"]["id"])
                jobs = [
                    {"token": tokens[town], "round": r, "task": t}
                    for r in round_ids
                    for t in TOWN_TASKS
                    for town in TOWNS
                ]
                # let the rounds' own notifications go first, so "without" has no deliveries
                _drain(env)
                named = {
                    "server": [server.pid],
                    "receiver": [robot.process.pid],
                    "bench (poller, sampler)": [os.getpid()],
                }
                without = _submit(
                    env,
                    base,
                    jobs[: args.submissions],
                    args.clients,
                    tmp,
                    Phase(_dsn(env), DATABASE, dict(named)),
                )
                _progress("without deliveries", without)
                backlog = asyncio.run(_queue(env, args.notifications, "during"))
                delivered_before = robot.accepted()
                processes = _workers(env, args.workers)
                try:
                    while robot.accepted() < delivered_before + 50:  # up and sending
                        time.sleep(0.05)
                    sending_from = robot.accepted()
                    with_ = _submit(
                        env,
                        base,
                        jobs[rounds_each * per_round : rounds_each * per_round + args.submissions],
                        args.clients,
                        tmp,
                        Phase(
                            _dsn(env),
                            DATABASE,
                            {**named, "worker": [p.pid for p in processes]},
                        ),
                    )
                    delivered_during = robot.accepted() - sending_from
                    with_["measured"]["deliveries_per_second"] = round(
                        delivered_during / with_["measured"]["seconds"], 1
                    )
                finally:
                    _stop(processes)
                result["submissions"] = {
                    "without_deliveries": without,
                    "with_deliveries": with_,
                    "deliveries_during_the_run": delivered_during,
                    "backlog_queued": backlog["notifications"],
                    "delivered_by_then": robot.accepted() - delivered_before,
                }
            finally:
                server.terminate()
                server.wait(timeout=30)
        stats = robot.stats()
    finally:
        robot.stop()
    result["receiver"] = {
        "accepted": stats["accepted"],
        "requests": stats["received"],
        "repeats_dropped": stats["received"] - stats["accepted"],
        "refused": stats["rejected"],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "notifications.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def _progress(phase: str, figures: dict[str, Any]) -> None:
    """Each phase's figures as soon as it ends (stderr), so a long run shows where it is."""
    print(f"{phase}: {json.dumps(figures, ensure_ascii=False)}", file=sys.stderr, flush=True)


def _drain(env: dict[str, str]) -> None:
    """Deliver what opening the rounds queued, with one worker, before measuring."""
    if not asyncio.run(_undelivered(env)):
        return
    processes = _workers(env, 1)
    try:
        while asyncio.run(_undelivered(env)):
            time.sleep(0.2)
    finally:
        _stop(processes)


async def _undelivered(env: dict[str, str]) -> bool:
    async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
        return await NotificationDelivery.exclude(status=DeliveryStatus.DELIVERED).exists()


if __name__ == "__main__":
    main()
