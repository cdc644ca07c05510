"""The ``tongnan`` command and the ``tongnan serve`` process, run on a test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tongnan.domain.common.database import DatabaseUrl


def environment(url: DatabaseUrl | None) -> dict[str, str]:
    """This process's environment, pointing ``TONGNAN_DATABASE_URL`` at ``url`` when given."""
    env = dict(os.environ)
    if url is not None:
        env["TONGNAN_DATABASE_URL"] = f"sqlite://{url.path}" if url.is_sqlite else url.asyncpg_dsn()
    return env


def tongnan(url: DatabaseUrl | None, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``tongnan ARGS`` and return how it ended (the caller checks the exit status)."""
    return subprocess.run(
        [sys.executable, "-m", "tongnan.server.cli", *args],
        capture_output=True,
        text=True,
        env=environment(url),
        timeout=120,
        check=False,
    )


def cli(url: DatabaseUrl, *args: str) -> str:
    """Run ``tongnan ARGS``, which must succeed, and return what it printed."""
    result = tongnan(url, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(
    url: DatabaseUrl, *serve_args: str, start_seconds: float = 60, **env: str
) -> Iterator[str]:
    """``tongnan serve SERVE_ARGS`` on a free port (``env``: more TONGNAN_* settings); yields its
    base URL once /healthz answers.

    Its output goes to a file, not a pipe: nobody reads a pipe while the test runs, and a
    server that logs enough (errors during an outage) would block on a full one.
    """
    port = _free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tongnan.server.cli", "serve", "--port", str(port), *serve_args],
            env={**environment(url), **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_seconds
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"server exited with {process.returncode}: {log.read()}")
                try:
                    httpx.get(f"{base}/healthz", timeout=2)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"server did not answer within {start_seconds} s")
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=start_seconds)
