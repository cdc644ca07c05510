"""Notification delivery: 10,000 queued notifications delivered by a real ``tongnan worker`` to a
local DingTalk-format robot (signatures and idempotency keys checked), and progress
submissions per second with and without deliveries running beside them.

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
from bench.reporting.run import OPEN, TOWN_TASKS, TOWNS
from tests.support.receivers import RobotReceiver
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


def _deliver(env: dict[str, str], robot: RobotReceiver, total: int, workers: int) -> dict[str, Any]:
    before = len(robot.accepted)
    started = time.perf_counter()
    processes = _workers(env, workers)
    first: float | None = None
    try:
        while len(robot.accepted) - before < total:
            if first is None and len(robot.received) > before:
                first = time.perf_counter()
            if time.perf_counter() - started > 600:
                raise RuntimeError("deliveries did not finish in 10 minutes")
            time.sleep(0.02)
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
    }


def _submit(
    env: dict[str, str], base: str, jobs: list[dict[str, Any]], clients: int, tmp: Path
) -> dict[str, Any]:
    jobs_file = tmp / f"jobs-{jobs[0]['round']}.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.reporting.load",
            f"{base}/graphql",
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    robot = RobotReceiver(secret=SECRET).start()
    result: dict[str, Any] = {"backend": args.backend}
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            env = _prepare(args.backend, tmp)
            asyncio.run(_channels(env, robot.url))
            result["queue"] = asyncio.run(_queue(env, args.notifications, "bench"))
            result["delivery"] = _deliver(env, robot, args.notifications, args.workers)

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
                for _ in range(300):
                    try:
                        httpx.get(f"{base}/healthz", timeout=1)
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
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
                asyncio.run(_drain(env, robot))
                without = _submit(env, base, jobs[: args.submissions], args.clients, tmp)
                backlog = asyncio.run(_queue(env, args.notifications, "during"))
                delivered_before = len(robot.accepted)
                processes = _workers(env, args.workers)
                try:
                    while len(robot.accepted) < delivered_before + 50:  # up and sending
                        time.sleep(0.05)
                    sending_from = len(robot.accepted)
                    with_ = _submit(
                        env,
                        base,
                        jobs[rounds_each * per_round : rounds_each * per_round + args.submissions],
                        args.clients,
                        tmp,
                    )
                    delivered_during = len(robot.accepted) - sending_from
                finally:
                    _stop(processes)
                result["submissions"] = {
                    "without_deliveries": without,
                    "with_deliveries": with_,
                    "deliveries_during_the_run": delivered_during,
                    "backlog_queued": backlog["notifications"],
                    "delivered_by_then": len(robot.accepted) - delivered_before,
                }
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        robot.stop()
    counts = robot.counts()
    result["receiver"] = {
        "accepted": len(robot.accepted),
        "requests": len(robot.received),
        "repeats_dropped": sum(n - 1 for n in counts.values()),
        "refused": len(robot.rejected),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "notifications.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


async def _drain(env: dict[str, str], robot: RobotReceiver) -> None:
    """Deliver what opening the rounds queued, with one worker, before measuring."""
    async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
        pending = await NotificationDelivery.exclude(status=DeliveryStatus.DELIVERED).count()
    if not pending:
        return
    processes = _workers(env, 1)
    try:
        while True:
            async with open_database(DatabaseUrl.parse(env["TONGNAN_DATABASE_URL"])):
                if not await NotificationDelivery.exclude(status=DeliveryStatus.DELIVERED).exists():
                    return
            await asyncio.sleep(0.2)
    finally:
        _stop(processes)


if __name__ == "__main__":
    main()
