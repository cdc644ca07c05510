"""Least privilege on PostgreSQL: the server's role writes the application tables and appends to
the audit tables, but cannot truncate, update or delete audit rows."""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.integration.storage.test_audit_seals import CLERK, KEY, NOW, WITHIN
from tongnan.domain.common import audit
from tongnan.domain.common.audit_seal import load_state, seal_once
from tongnan.domain.common.audit_verify import take_checkpoint, verify_trail
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.database_role import grant_app_role
from tongnan.domain.common.migrate import check_migrated
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.directory.tokens import create_token
from tongnan.domain.models import Unit
from tongnan.server.cli import main

AUDIT_TABLES = ("audit_event", "audit_seal", "audit_checkpoint")


@pytest.fixture
async def app_url(pg_db_url: DatabaseUrl) -> AsyncIterator[DatabaseUrl]:
    """The test database, reached as a fresh application role made the way `migrate` makes it."""
    role = f"tongnan_app_t{os.getpid()}"
    tables = await grant_app_role(pg_db_url, role)
    assert set(AUDIT_TABLES) <= set(tables)
    try:
        yield dataclasses.replace(pg_db_url, user=role, password="")
    finally:
        conn = await asyncpg.connect(pg_db_url.asyncpg_dsn())
        try:
            await conn.execute(f'DROP OWNED BY "{role}"; DROP ROLE "{role}"')
        finally:
            await conn.close()


async def test_the_app_role_cannot_truncate_update_or_delete_audit_rows(
    app_url: DatabaseUrl,
) -> None:
    async with open_database(app_url):  # its normal work: migrated check, writes, audit, seals
        await check_migrated()
        unit = await Unit.create(name="测试镇", kind=UnitKind.TOWN, position=999)
        unit.name = "测试镇二"
        await unit.save()
        await create_token(unit.name, Role.UNIT_REPORTER, CLERK, "test-role")
        await audit.record(CLERK, "unit.renamed", "Unit", unit.id, now=NOW)
        assert await seal_once(await load_state(NOW), KEY, NOW) is not None
        await take_checkpoint(KEY, NOW)
        assert (await verify_trail(KEY, NOW, WITHIN)).ok

    conn = await asyncpg.connect(app_url.asyncpg_dsn())
    try:
        assert await conn.fetchval("SELECT current_user") == app_url.user
        for table in AUDIT_TABLES:
            for statement in (
                f"TRUNCATE {table}",
                f"UPDATE {table} SET id = id",
                f"DELETE FROM {table}",
                f"ALTER TABLE {table} DISABLE TRIGGER USER",
            ):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await conn.execute(statement)
        for table in ("api_token", "app_user"):  # application tables: allowed
            await conn.execute(f"DELETE FROM {table}")
        await conn.execute("DELETE FROM unit WHERE position = 999")
    finally:
        await conn.close()


def test_migrate_runs_as_the_admin_role_and_grants_the_server_role(
    pg_db_url: DatabaseUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    role = f"tongnan_app_m{os.getpid()}"
    server_url = dataclasses.replace(pg_db_url, user=role)
    monkeypatch.setenv("TONGNAN_DATABASE_URL", server_url.asyncpg_dsn())
    monkeypatch.setenv("TONGNAN_ADMIN_DATABASE_URL", pg_db_url.asyncpg_dsn())
    monkeypatch.setenv("TONGNAN_APP_ROLE", role)
    assert main(["migrate"]) == 0

    async def privileges() -> dict[str, list[bool]]:
        conn = await asyncpg.connect(pg_db_url.asyncpg_dsn())
        try:
            return {
                table: [
                    await conn.fetchval("SELECT has_table_privilege($1, $2, $3)", role, table, p)
                    for p in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
                ]
                for table in ("audit_event", "audit_seal", "progress_report")
            }
        finally:
            await conn.execute(f'DROP OWNED BY "{role}"; DROP ROLE "{role}"')
            await conn.close()

    assert asyncio.run(privileges()) == {
        "audit_event": [True, True, False, False, False],
        "audit_seal": [True, True, False, False, False],
        "progress_report": [True, True, True, True, False],
    }
