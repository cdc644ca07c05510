"""``tongnan serve --workers 2`` on PostgreSQL: two real processes share the port, both answer,
and a write made through one is seen by the other's response cache (it hears the change feed
through LISTEN). On SQLite the command refuses to start more than one process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx

from tests.support.cli import cli, running_server, tongnan
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl

TASK = "query Due { task(number: 3) { version dueDate title } }"
SET_DUE = """
mutation SetDue($input: SetTaskDueDateInput!) {
  setTaskDueDate(input: $input) { task { version dueDate } userErrors { message } }
}"""


def _connections_to_each_process(
    base: str, token: str, stack: ExitStack, processes: int
) -> dict[int, httpx.Client]:
    """One kept-alive connection per server process (a connection stays with the process that
    accepted it; /healthz says which one that is)."""
    found: dict[int, httpx.Client] = {}
    deadline = time.monotonic() + 120  # the second may still be starting on a busy machine
    while len(found) < processes:
        assert time.monotonic() < deadline, f"only processes {sorted(found)} answered"
        client = stack.enter_context(
            httpx.Client(
                base_url=base,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
                limits=httpx.Limits(max_connections=1),
            )
        )
        health = client.get("/healthz")
        assert health.status_code == 200
        found.setdefault(int(health.json()["process"]), client)
    return found


def _due(client: httpx.Client) -> dict[str, object]:
    answer = client.post("/graphql", json={"query": TASK}).json()
    assert "errors" not in answer, answer
    task: dict[str, object] = answer["data"]["task"]
    return task


def _until(condition: Iterator[bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    for met in condition:
        if met:
            return
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_two_workers_answer_and_each_hears_the_others_writes(pg_db_url: DatabaseUrl) -> None:
    cli(pg_db_url, "import-plan", str(PLAN_FILE))
    token = cli(pg_db_url, "token", "create", "--role", "OFFICE_ADMIN").strip().splitlines()[-1]
    serving = running_server(pg_db_url, "--workers", "2", start_seconds=180)
    with serving as base, ExitStack() as stack:
        first, second = _connections_to_each_process(base, token, stack, 2).values()
        seen = _due(first)
        assert _due(first) == seen  # the second read is the first process's cached answer
        assert _due(second) == seen

        written = second.post(
            "/graphql",
            json={
                "query": SET_DUE,
                "variables": {
                    "input": {
                        "taskNumber": 3,
                        "dueDate": "2025-10-31",
                        "expectedVersion": seen["version"],
                    }
                },
            },
        ).json()["data"]["setTaskDueDate"]
        assert written["userErrors"] == [] and written["task"]["dueDate"] == "2025-10-31"

        _until(
            (_due(first)["dueDate"] == "2025-10-31" for _ in iter(int, 1)),
            10,
            "the first process kept answering from before the second one's write",
        )
        assert _due(first)["version"] == written["task"]["version"]


def test_sqlite_refuses_more_than_one_worker(sqlite_db_url: DatabaseUrl) -> None:
    result = tongnan(sqlite_db_url, "serve", "--port", "1", "--workers", "2")
    assert result.returncode == 2
    assert "SQLite 数据库只能由一个服务进程使用" in result.stderr
    assert "PostgreSQL" in result.stderr
