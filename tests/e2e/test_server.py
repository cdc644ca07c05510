"""The server: the ASGI app through an HTTP client, and the real ``tongnan serve`` over TCP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import Databases
from tongnan.domain.database import DatabaseUrl
from tongnan.domain.migrate import NotMigrated
from tongnan.server.app import create_app
from tongnan.server.settings import Settings


def _env_url(url: DatabaseUrl) -> str:
    return f"sqlite://{url.path}" if url.is_sqlite else url.asyncpg_dsn()


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_the_real_server_process_answers_over_tcp(db_url: DatabaseUrl) -> None:
    port = _free_port()
    env = dict(os.environ, TONGNAN_DATABASE_URL=_env_url(db_url))
    process = subprocess.Popen(
        [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        response = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                out = process.stdout.read() if process.stdout else ""
                pytest.fail(f"server exited with {process.returncode}: {out}")
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, "server did not answer within 60 s"
        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "database": db_url.backend,
            "version": response.json()["version"],
        }
    finally:
        process.terminate()
        process.wait(timeout=30)
