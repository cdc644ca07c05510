"""The server: the ASGI app through an HTTP client, and the real ``tongnan serve`` over TCP."""

from __future__ import annotations

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
