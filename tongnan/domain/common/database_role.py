"""Least privilege on PostgreSQL: the role the server runs as.

``tongnan migrate`` (as the admin role that owns the tables) creates the application role if it
is missing and grants it what the server needs: read and write the application tables, but only
read and append the audit tables. It cannot UPDATE, DELETE or TRUNCATE them, nor drop their
triggers (only the tables' owner could).
"""

from __future__ import annotations

import re

import asyncpg

from tongnan.domain.common.database import DatabaseUrl

AUDIT_TABLES = frozenset({"audit_event", "audit_seal", "audit_checkpoint", "audit_verification"})
READ_ONLY_TABLES = frozenset({"alembic_version"})
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def privileges_for(table: str) -> str:
    if table in AUDIT_TABLES:
        return "SELECT, INSERT"
    if table in READ_ONLY_TABLES:
        return "SELECT"
    return "SELECT, INSERT, UPDATE, DELETE"


async def grant_app_role(admin: DatabaseUrl, role: str, password: str = "") -> list[str]:
    """Create ``role`` (LOGIN, with ``password`` if given) unless it exists, and set its grants
    on every table of the database afresh. Returns the tables granted."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"数据库角色名 {role!r} 不合规：只用小写字母、数字和下划线")
    if role == admin.user:
        raise ValueError(f"数据库角色 {role} 就是迁移所用的管理角色，不能再限它的权限")
    conn = await asyncpg.connect(admin.asyncpg_dsn(), timeout=10)
    try:
        who = _ident(role)
        login = "LOGIN" + (f" PASSWORD {_literal(password)}" if password else "")
        async with conn.transaction():
            if await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role) is None:
                try:
                    async with conn.transaction():
                        await conn.execute(f"CREATE ROLE {who} {login}")
                except asyncpg.DuplicateObjectError:  # made meanwhile by another migrate
                    pass
            elif password:
                await conn.execute(f"ALTER ROLE {who} {login}")
            database = await conn.fetchval("SELECT current_database()")
            await conn.execute(f"GRANT CONNECT ON DATABASE {_ident(database)} TO {who}")
            await conn.execute(f"GRANT USAGE ON SCHEMA public TO {who}")
            await conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}")
            tables = [
                row["tablename"]
                for row in await conn.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            for table in tables:
                await conn.execute(f"GRANT {privileges_for(table)} ON {_ident(table)} TO {who}")
            await conn.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}")
        return tables
    finally:
        await conn.close()
