"""``tongnan audit keygen|checkpoint|verify --against`` and ``tongnan worker`` as an operator
runs them; production refuses to start without an audit key."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.support.audit import as_owner
from tests.support.cli import tongnan
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import AuditEvent, AuditSeal
from tongnan.server.cli import main


def _env(url: DatabaseUrl, **extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env["TONGNAN_DATABASE_URL"] = f"sqlite://{url.path}" if url.is_sqlite else url.asyncpg_dsn()
    return env


def test_keygen_writes_a_private_key_file_and_never_overwrites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "keygen"]) == 0
    assert len(bytes.fromhex(capsys.readouterr().out.strip())) == 32

    path = tmp_path / "audit.key"
    assert main(["audit", "keygen", "-o", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(bytes.fromhex(path.read_text().strip())) == 32
    capsys.readouterr()
    assert main(["audit", "keygen", "-o", str(path)]) == 2
    assert "不会覆盖" in capsys.readouterr().err


def test_production_refuses_to_start_without_an_audit_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TONGNAN_ENV", "production")
    monkeypatch.setenv("TONGNAN_AUDIT_KEY", "")
    monkeypatch.setenv("TONGNAN_DATABASE_URL", f"sqlite://{tmp_path / 'x.db'}")
    for command in ("serve", "worker"):
        assert main([command]) == 2
        err = capsys.readouterr().err
        assert "TONGNAN_AUDIT_KEY" in err and "Traceback" not in err


async def _sealed_everything(url: DatabaseUrl) -> bool:
    async with open_database(url):
        sealed = sum(s.event_count for s in await AuditSeal.all())
        return sealed > 0 and sealed == await AuditEvent.all().count()


async def test_worker_seals_and_a_checkpoint_catches_an_emptied_trail(
    empty_url: DatabaseUrl, backend: str, tmp_path: Path
) -> None:
    url = empty_url
    assert tongnan(url, "migrate").returncode == 0
    assert tongnan(url, "load-directory").returncode == 0
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tongnan.server.cli",
        "worker",
        env=_env(url, TONGNAN_AUDIT_SEAL_INTERVAL_SECONDS="0.01"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        for _ in range(3000):  # polled every 10 ms; the worker seals every 10 ms
            if await _sealed_everything(url):
                break
            assert worker.returncode is None, "the worker stopped"
            await asyncio.sleep(0.01)
        else:
            raise AssertionError("the worker sealed nothing")
    finally:
        worker.terminate()
        await asyncio.wait_for(worker.wait(), timeout=30)

    kept = tmp_path / "checkpoint.json"
    taken = tongnan(url, "audit", "checkpoint", "-o", str(kept))
    assert taken.returncode == 0, taken.stderr
    head = json.loads(taken.stdout)
    assert head["seals"] >= 1 and len(head["mac"]) == 64 and json.loads(kept.read_text()) == head
    whole = tongnan(url, "audit", "verify", "--against", str(kept))
    assert whole.returncode == 0, whole.stderr
    assert "与检查点一致" in whole.stdout

    async with open_database(url):  # someone with the owner's rights empties every audit table
        for table in ("audit_event", "audit_seal", "audit_checkpoint"):
            await as_owner(backend, table, f"DELETE FROM {table}")
    assert tongnan(url, "audit", "verify").returncode == 0  # nothing left to contradict itself
    caught = tongnan(url, "audit", "verify", "--against", str(kept))
    assert caught.returncode == 2
    assert "检查点还短" in caught.stderr and "Traceback" not in caught.stderr
