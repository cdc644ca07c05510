"""The alembic revisions and the Tortoise models describe the same schema, on both backends.

One database is migrated with alembic; another gets Tortoise's own DDL (``generate_schemas``, used
nowhere else). Their tables, columns, types, nullability, keys, uniques and indexes must agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.databases import Databases
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database

# Objects the migrations add on purpose and Tortoise cannot express.
MIGRATION_ONLY_TABLES = {"alembic_version"}
MIGRATION_ONLY_UNIQUES = {
    ("group_member", ("group_id", "member_id"))
}  # partial: WHERE task_id IS NULL
SQLITE_TYPE_ALIASES = {"INT": "INTEGER", "BIGINT": "INTEGER"}


def _describe(sync_conn: Connection) -> dict[str, Any]:
    inspector = inspect(sync_conn)
    dialect = sync_conn.dialect
    described: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names()) - MIGRATION_ONLY_TABLES):
        columns = {}
        for col in inspector.get_columns(table):
            type_name = col["type"].compile(dialect=dialect)
            if dialect.name == "sqlite":
                type_name = SQLITE_TYPE_ALIASES.get(type_name, type_name)
            columns[col["name"]] = (type_name, bool(col["nullable"]))
        uniques = {
            tuple(sorted(u["column_names"])) for u in inspector.get_unique_constraints(table)
        }
        indexes = set()
        for index in inspector.get_indexes(table):
            cols = tuple(sorted(c for c in index["column_names"] if c))
            if index["unique"]:
                uniques.add(cols)
            else:
                indexes.add(cols)
        for col in inspector.get_columns(table):  # SQLite reports column-level UNIQUE nowhere else
            if dialect.name == "sqlite" and _sqlite_column_unique(sync_conn, table, col["name"]):
                uniques.add((col["name"],))
        uniques -= {cols for (t, cols) in MIGRATION_ONLY_UNIQUES if t == table}
        fks: set[tuple[tuple[str, ...], str, tuple[str, ...], str]]
        if dialect.name == "sqlite":  # the reflection misses ON DELETE of column-level REFERENCES
            fks = {
                ((row[3],), row[2], (row[4],), row[6].upper())
                for row in sync_conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")')
            }
        else:
            fks = {
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    (fk.get("options") or {}).get("ondelete", "NO ACTION"),
                )
                for fk in inspector.get_foreign_keys(table)
            }
        described[table] = {
            "columns": columns,
            "primary_key": tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
            "uniques": uniques,
            "indexes": indexes,
            "foreign_keys": fks,
        }
    return described


def _sqlite_column_unique(sync_conn: Connection, table: str, column: str) -> bool:
    rows = sync_conn.exec_driver_sql(f'PRAGMA index_list("{table}")').fetchall()
    for row in rows:
        name, unique = row[1], row[2]
        if unique:
            cols = sync_conn.exec_driver_sql(f'PRAGMA index_info("{name}")').fetchall()
            if [c[2] for c in cols] == [column]:
                return True
    return False


async def _schema_of(url: DatabaseUrl) -> dict[str, Any]:
    engine = create_async_engine(url.sqlalchemy_url())
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_describe)
    finally:
        await engine.dispose()


async def test_migrations_match_the_models(databases: Databases, db_url: DatabaseUrl) -> None:
    from tortoise import Tortoise

    models_url = await databases.empty()
    try:
        async with open_database(models_url):
            await Tortoise.generate_schemas(safe=False)
        migrated = await _schema_of(db_url)
        modelled = await _schema_of(models_url)
    finally:
        await databases.drop(models_url)

    assert sorted(migrated) == sorted(modelled)
    for table in modelled:
        assert migrated[table] == modelled[table], f"table {table} differs"
