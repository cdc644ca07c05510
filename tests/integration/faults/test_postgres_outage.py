"""PostgreSQL going away under load, and a server killed mid-write: clear errors, no hang,
recovery without a restart, and never a report without its audit event (or the reverse).

These restart the local PostgreSQL cluster, so they run in CI's serial run, not beside others.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import signal
import subprocess
import time
from typing import Any

import httpx

from tests.support.cli import cli, running_server
from tests.support.files import PLAN_FILE
from tongnan.domain.common import audit
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import AuditEvent, ProgressReport
from tongnan.schema.errors_masking import UNAVAILABLE

TOWN_TASKS = [1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22]
TOWNS = ["双江镇", "花岩镇", "柏梓镇", "崇龛镇"]
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { code message } } }"""
REQUEST_TIMEOUT = 20.0  # seconds: no request may hang longer than this


def _cluster(action: str) -> None:
    """Stop or start the PostgreSQL cluster the tests use (TONGNAN_TEST_PG_CLUSTER, "main")."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    cluster = os.environ.get("TONGNAN_TEST_PG_CLUSTER", "main")
    mode = ["-m", "fast"] if action == "stop" else []  # fast: do not wait for clients to leave
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, action, *mode]
    subprocess.run(command, check=True, timeout=120)
    if action != "stop":
        port = os.environ.get("TONGNAN_TEST_PG_PORT", "5432")
        for _ in range(60):
            ready = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", port, "-q"], check=False)
            if ready.returncode == 0:
                return
            time.sleep(0.5)


def _prepare(url: DatabaseUrl) -> tuple[dict[str, str], str]:
    cli(url, "import-plan", str(PLAN_FILE))
    tokens = {
        t: cli(url, "token", "create", "--unit", t, "--role", "UNIT_REPORTER").split()[-1]
        for t in TOWNS
    }
    office = cli(url, "token", "create", "--role", "OFFICE_ADMIN").split()[-1]
    return tokens, office


def _post(base: str, token: str, query: str, variables: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=REQUEST_TIMEOUT,
    )


def _open_round(base: str, office: str) -> str:
    body = _post(
        base,
        office,
        """mutation { openReportingRound(input: {name: "故障调度",
        dueDate: "2099-12-31"}) { round { id } } }""",
        {},
    ).json()
    round_id: str = body["data"]["openReportingRound"]["round"]["id"]
    return round_id


def _jobs(round_id: str, tokens: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            tokens[town],
            {
                "input": {
                    "roundId": round_id,
                    "taskNumber": task,
                    "summary": "进展",
                    "completion": 50,
                    "expectedVersion": 0,
                    "idempotencyKey": f"{town}/{task}",
                }
            },
        )
        for task in TOWN_TASKS
        for town in TOWNS
    ]


async def _consistent(url: DatabaseUrl) -> tuple[int, int]:
    """(reports, submitted events), after checking each report has exactly its events."""
    async with open_database(url):
        reports = {r.id for r in await ProgressReport.all()}
        events = [int(e.object_id) for e in await AuditEvent.filter(action="report.submitted")]
        assert set(events) == reports  # no report without its event, no event without a report
        assert len(events) == len(set(events))
        assert (await audit.verify_chain()).ok
        return len(reports), len(events)


def test_database_restart_mid_burst(pg_db_url: DatabaseUrl) -> None:
    url = pg_db_url
    tokens, office = _prepare(url)
    with running_server(url) as base:
        jobs = _jobs(_open_round(base, office), tokens)

        def submit(job: tuple[str, dict[str, Any]]) -> tuple[float, int, str]:
            started = time.monotonic()
            try:
                response = _post(base, job[0], SUBMIT, job[1])
                return time.monotonic() - started, response.status_code, response.text
            except httpx.TimeoutException:
                return time.monotonic() - started, 0, "timeout"

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            before = list(pool.map(submit, jobs[:16]))
            _cluster("stop")
            try:
                during = list(pool.map(submit, jobs[16:32]))
            finally:  # whatever happens, the database comes back for the tests after this one
                _cluster("start")
        # the server recovers by itself: retry until a request goes through
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            response = _post(base, office, "{ plan { code } }", {})
            if response.status_code == 200 and "errors" not in response.json():
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the server did not recover after the database came back")
        after = [submit(job) for job in jobs[16:]]  # including those refused during the outage

    outcomes = before + during + after
    assert all(seconds < REQUEST_TIMEOUT for seconds, _, _ in outcomes)
    assert all(status == 200 and '"userErrors":[]' in text for _, status, text in before + after)
    for _, status, text in during:  # refused, and saying why
        assert status == 503 or "UNAVAILABLE" in text, text
        assert UNAVAILABLE in text or json.dumps(UNAVAILABLE)[1:-1] in text
    assert not any("Traceback" in text for _, _, text in outcomes)
    reports, events = asyncio.run(_consistent(url))
    assert reports == events == len(jobs)


def test_a_server_killed_mid_write_leaves_nothing_half_written(pg_db_url: DatabaseUrl) -> None:
    url = pg_db_url
    tokens, office = _prepare(url)
    with running_server(url) as base:
        jobs = _jobs(_open_round(base, office), tokens)
        server_pids = [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-f", f"serve --port {base.rsplit(':', 1)[1]}"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
        ]
        assert server_pids

        def submit(job: tuple[str, dict[str, Any]]) -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server dies under us
                _post(base, job[0], SUBMIT, job[1])

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(submit, job) for job in jobs]
            # killed once the first submission is answered: a fixed pause let a fast server
            # finish the whole burst first
            concurrent.futures.wait(
                futures, timeout=30, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for server_pid in server_pids:
                os.kill(server_pid, signal.SIGKILL)
            concurrent.futures.wait(futures, timeout=60)
    reports, events = asyncio.run(_consistent(url))
    assert reports == events
    assert reports < len(jobs)  # it really died mid-burst
