"""The server: the ASGI app through an HTTP client, and the real ``tongnan serve`` over TCP."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from examples.unit_client import report
from tests.support.cli import cli, running_server
from tests.support.databases import Databases
from tests.support.files import PLAN_FILE
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.migrate import NotMigrated
from tongnan.server.app import create_app
from tongnan.server.settings import Settings


async def test_healthz_through_the_asgi_app(db_url: DatabaseUrl) -> None:
    app = create_app(Settings(database_url=db_url))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == db_url.backend


async def test_the_app_refuses_to_start_on_an_unmigrated_database(databases: Databases) -> None:
    url = await databases.empty()
    try:
        app = create_app(Settings(database_url=url))
        with pytest.raises(NotMigrated, match="tongnan migrate"):
            async with app.router.lifespan_context(app):
                pass
    finally:
        await databases.drop(url)


def test_the_real_server_process_answers_over_tcp(db_url: DatabaseUrl) -> None:
    cli(db_url, "import-plan", str(PLAN_FILE))
    token = cli(db_url, "token", "create", "--unit", "双江镇", "--role", "UNIT_REPORTER")
    token = token.strip().splitlines()[-1]
    with running_server(db_url) as base:
        health = httpx.get(f"{base}/healthz", timeout=10)
        assert health.status_code == 200
        assert health.json()["database"] == db_url.backend

        dashboard = httpx.post(
            f"{base}/graphql",
            json={"query": "{ tasks { totalCount nodes { label leadUnits { name } } } }"},
            timeout=30,
        )
        assert dashboard.status_code == 200
        tasks = dashboard.json()["data"]["tasks"]
        assert tasks["totalCount"] == 22
        assert [u["name"] for u in tasks["nodes"][6]["leadUnits"]] == [
            "区人力社保局",
            "区发展改革委",
            "区农业农村委",
        ]

        lines = report(f"{base}/graphql", token)  # the example client, over TCP
        assert lines[0] == "双江镇/unit_reporter (UNIT_REPORTER) for 双江镇"
        assert lines[1].startswith("16 tasks name 双江镇 as responsible")
        assert "(七)稳定务工规模: report to 区人力社保局、区发展改革委、区农业农村委" in lines


def test_the_server_sees_writes_made_by_thecli(db_url: DatabaseUrl, tmp_path: Path) -> None:
    """Another process (the CLI) corrects the plan: the running server answers with the new text."""
    cli(db_url, "import-plan", str(PLAN_FILE))
    query = {"query": "{ task(number: 2) { targets { threshold } } }"}
    with running_server(db_url) as base:
        before = httpx.post(f"{base}/graphql", json=query, timeout=30).json()
        assert before["data"]["task"]["targets"][0]["threshold"] == "8700"
        corrected = tmp_path / "corrected.txt"
        text = PLAN_FILE.read_text(encoding="utf-8").replace("不低于8700元", "不低于9000元")
        corrected.write_text(text, encoding="utf-8")
        cli(db_url, "import-plan", str(corrected))
        deadline = time.monotonic() + 10
        while True:
            after = httpx.post(f"{base}/graphql", json=query, timeout=30).json()
            if after["data"]["task"]["targets"][0]["threshold"] == "9000":
                break
            assert time.monotonic() < deadline, "the server kept serving the old plan"
            time.sleep(0.1)


def test_serve_keeps_the_settings_from_the_environment() -> None:
    """`tongnan serve --port` must not drop TONGNAN_* limits (a regression once)."""
    import argparse

    from tongnan.server.cli import _with_address

    settings = Settings.from_env({"TONGNAN_MAX_DEPTH": "5", "TONGNAN_RESPONSE_CACHE_ENTRIES": "0"})
    served = _with_address(settings, argparse.Namespace(host=None, port=9000))
    assert (served.max_depth, served.response_cache_entries, served.port) == (5, 0, 9000)


def test_a_slow_request_body_is_cut_off(db_url: DatabaseUrl) -> None:
    """A client that sends its headers, then part of its body, then nothing: the real server
    answers 408 and closes the connection after TONGNAN_BODY_TIMEOUT_SECONDS."""
    with running_server(db_url, TONGNAN_BODY_TIMEOUT_SECONDS="1") as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
            sock.sendall(
                b"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"query": '
            )
            started = time.monotonic()
            answer = b""
            while chunk := sock.recv(4096):  # until the server closes the connection
                answer += chunk
            waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert "传得太慢".encode() in answer
        assert 0.5 < waited < 10
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        accept = {"Accept": "application/graphql-response+json"}  # the new type over TCP too
        refused = httpx.post(f"{base}/graphql", json={"query": "{ x"}, headers=accept, timeout=30)
        assert refused.status_code == 400 and "data" not in refused.json()


def test_serve_gives_uvicorn_its_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from tongnan.server import cli

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setattr("tongnan.server.app.create_app", lambda settings: None)
    settings = Settings.from_env(
        {"TONGNAN_KEEP_ALIVE_SECONDS": "7", "TONGNAN_MAX_CONNECTIONS": "64"}
    )
    cli._serve(settings)
    assert (seen["timeout_keep_alive"], seen["limit_concurrency"]) == (7, 64)


def test_the_evidence_settings_from_the_environment(tmp_path: Path) -> None:
    from tongnan.domain.common.file_store import DatabaseFileStore, FolderFileStore

    default = Settings.from_env({})
    assert (default.upload_max_bytes, default.verify_requires_evidence) == (20 * 1024 * 1024, False)
    assert isinstance(default.file_store(), DatabaseFileStore)
    chosen = Settings.from_env(
        {
            "TONGNAN_UPLOAD_MAX_BYTES": "1000",
            "TONGNAN_UPLOAD_STORE": f"folder:{tmp_path}",
            "TONGNAN_VERIFY_REQUIRES_EVIDENCE": "true",
        }
    )
    assert (chosen.upload_max_bytes, chosen.verify_requires_evidence) == (1000, True)
    assert isinstance(chosen.file_store(), FolderFileStore)
    for name, value, words in (
        ("TONGNAN_UPLOAD_STORE", "s3:bucket", "只能是 db 或 folder"),
        ("TONGNAN_VERIFY_REQUIRES_EVIDENCE", "maybe", "只能是 true 或 false"),
        ("TONGNAN_UPLOAD_MAX_BYTES", "-1", "应是不小于1的整数"),
    ):
        with pytest.raises(ValueError, match=words):
            Settings.from_env({name: value})


def test_sign_in_and_session_settings_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "TONGNAN_SESSION_IDLE_SECONDS": "60",
            "TONGNAN_SESSION_ABSOLUTE_SECONDS": "600",
            "TONGNAN_LOGIN_FREE_FAILURES": "0",
            "TONGNAN_LOGIN_DELAY_SECONDS": "0.5",
            "TONGNAN_LOGIN_MAX_DELAY_SECONDS": "30",
            "TONGNAN_LOGIN_LOCK_FAILURES": "5",
            "TONGNAN_LOGIN_LOCK_SECONDS": "120",
            "TONGNAN_LOGIN_ADDRESS_FREE_FAILURES": "7",
            "TONGNAN_LOGIN_ADDRESS_LOCK_FAILURES": "70",
            "TONGNAN_TRUSTED_DOCUMENTS": "/srv/operations.json",
        }
    )
    timeouts = settings.session_timeouts()
    assert (timeouts.idle, timeouts.absolute) == (60.0, 600.0)
    limits = settings.sign_in_limits()
    assert (limits.account.free, limits.account.delay, limits.account.max_delay) == (0, 0.5, 30)
    assert (limits.account.lock_after, limits.account.lock_seconds) == (5, 120.0)
    assert (limits.address.free, limits.address.lock_after) == (7, 70)
    assert settings.trusted_documents == "/srv/operations.json"
    defaults = Settings.from_env({})
    assert (defaults.session_idle_seconds, defaults.session_absolute_seconds) == (1800, 43200)
    assert (defaults.login_lock_failures, defaults.login_lock_seconds) == (10, 900)
    for name, value in (
        ("TONGNAN_SESSION_IDLE_SECONDS", "0"),
        ("TONGNAN_LOGIN_LOCK_FAILURES", "zero"),
        ("TONGNAN_LOGIN_DELAY_SECONDS", "-1"),
    ):
        with pytest.raises(ValueError, match=name):
            Settings.from_env({name: value})
