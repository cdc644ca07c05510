"""Sustained progress submissions: one server process on PostgreSQL, a separate load process.

    .venv/bin/python -m bench.reporting.run [--clients 32] [--submissions 3000]

Prepares a fresh database with the bundled plan, a token per town and enough monthly rounds,
then every submission is a distinct report (as in a real round). Prints submissions per second,
median and p99 latency, the audit chain check, and writes bench/results/reporting.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from bench.api.run import REPO, RESULTS, _cli, _port, prepare

TOWN_TASKS = [1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22]
TOWN_NAMES = (
    "上和 龙形 古溪 宝龙 玉溪 米心 群力 双江 花岩 柏梓 "
    "崇龛 塘坝 新胜 太安 小渡 卧佛 五桂 田家 别口 寿桥"
)
TOWNS = ["梓潼街道", "桂林街道"] + [f"{name}镇" for name in TOWN_NAMES.split(" ")]
OPEN = """mutation($n: String!) {
  openReportingRound(input: {name: $n, dueDate: "2099-12-31"}) { round { id } } }"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--submissions", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare("postgres", Path(tmp))
        tokens = {
            town: _cli(env, "token", "create", "--unit", town, "--role", "UNIT_REPORTER").split()[
                -1
            ]
            for town in TOWNS
        }
        office = _cli(env, "token", "create", "--role", "OFFICE_ADMIN", "--name", "bench-office")
        office = office.split()[-1]
        rounds_needed = -(-args.submissions // (len(TOWNS) * len(TOWN_TASKS)))
        port = _port()
        server = subprocess.Popen(
            [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    import time

                    time.sleep(0.1)
            round_ids = []
            for month in range(1, rounds_needed + 1):
                response = httpx.post(
                    f"{base}/graphql",
                    headers={"Authorization": f"Bearer {office}"},
                    json={
                        "query": OPEN,
                        "variables": {"n": f"压测调度{month}"},
                    },
                    timeout=60,
                )
                round_ids.append(response.json()["data"]["openReportingRound"]["round"]["id"])
            jobs = [
                {"token": tokens[town], "round": r, "task": t}
                for r, t, town in itertools.islice(
                    ((r, t, town) for r in round_ids for t in TOWN_TASKS for town in TOWNS),
                    args.submissions,
                )
            ]
            jobs_file = Path(tmp) / "jobs.json"
            jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.reporting.load",
                    f"{base}/graphql",
                    str(jobs_file),
                    "--clients",
                    str(args.clients),
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            result = json.loads(out.stdout)
        finally:
            server.terminate()
            server.wait(timeout=30)
        verify = _cli(env, "audit", "verify").strip()
    result["audit"] = verify
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reporting.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
