"""Test-only access to the audit tables as their owner, to play an attacker with write access."""

from __future__ import annotations

from tortoise import connections


async def run_sql(sql: str) -> None:
    await connections.get("default").execute_script(sql)


async def as_owner(backend: str, table: str, sql: str) -> None:
    """Do what only someone with the tables' owner rights can: bypass the append-only triggers."""
    if backend == "postgres":
        await run_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER; {sql}; ")
        await run_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    else:
        rows = await connections.get("default").execute_query_dict(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        )
        for row in rows:
            await run_sql(f"DROP TRIGGER {row['name']}")
        await run_sql(sql)
        for row in rows:
            await run_sql(row["sql"])
