"""``tongnan user create|disable|reset-password`` and the demo's accounts: passwords printed
once when made up, stored only as argon2id hashes, never in the audit trail."""

from __future__ import annotations

import argparse
import asyncio

import pytest

from tests.support.cli import tongnan
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import AuditEvent, User
from tongnan.server import cli
from tongnan.server.settings import Settings


async def test_user_create_disable_and_reset(empty_url: DatabaseUrl) -> None:
    assert tongnan(empty_url, "migrate").returncode == 0
    assert tongnan(empty_url, "load-directory").returncode == 0
    made = tongnan(
        empty_url, "user", "create", "guilin", "--unit", "桂林街道", "--role", "UNIT_REPORTER"
    )
    assert made.returncode == 0, made.stderr
    password = made.stdout.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    assert len(password) >= 12
    again = tongnan(
        empty_url, "user", "create", "guilin", "--unit", "桂林街道", "--role", "UNIT_REPORTER"
    )
    assert again.returncode == 2 and "已被使用" in again.stderr
    weak = tongnan(empty_url, "user", "create", "x", "--role", "VIEWER", "--password", "short")
    assert weak.returncode == 2 and "至少" in weak.stderr
    reset = tongnan(empty_url, "user", "reset-password", "guilin", "--password", "new-pass-2025")
    assert reset.returncode == 0, reset.stderr
    assert "new-pass-2025" not in reset.stdout
    missing = tongnan(empty_url, "user", "disable", "nobody")
    assert missing.returncode == 2 and "没有名为“nobody”的账号" in missing.stderr
    assert tongnan(empty_url, "user", "disable", "guilin").returncode == 0
    async with open_database(empty_url):
        user = await User.get(name="guilin")
        assert user.disabled and user.version == 3
        assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
        trail = " ".join(f"{e.before} {e.after}" for e in await AuditEvent.all())
        assert password not in trail and "new-pass-2025" not in trail


async def test_demo_creates_and_prints_its_accounts(
    empty_url: DatabaseUrl, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[Settings] = []
    monkeypatch.setattr(cli, "_serve", served.append)
    settings = Settings(database_url=empty_url)
    args = argparse.Namespace(host="127.0.0.1", port=8123)
    for _ in range(2):  # a second run gives the accounts back their demo passwords
        await asyncio.to_thread(cli.cmd_demo, args, settings)
    printed = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in printed
    for line in ("office / office-demo-2025", "guilin / town-demo-2025", "rsj / lead-demo-2025"):
        assert line in printed
    async with open_database(empty_url):
        office = await User.get(name="office").prefetch_related("unit")
        assert office.unit is not None and "专班办公室" in office.unit.name
        rsj = await User.get(name="rsj").prefetch_related("unit")
        assert rsj.unit is not None and rsj.unit.name == "区人力社保局"
    assert served and served[0].port == 8123
