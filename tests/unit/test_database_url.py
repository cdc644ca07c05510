"""Database URLs: one setting understood for Tortoise and for SQLAlchemy (alembic)."""

from __future__ import annotations

import pytest

from tongnan.domain.common.database import DatabaseUrl, DatabaseUrlError


@pytest.mark.parametrize(
    ("text", "path", "sqlalchemy"),
    [
        ("sqlite:///srv/tongnan.db", "/srv/tongnan.db", "sqlite+aiosqlite:////srv/tongnan.db"),
        ("sqlite://var/tongnan.db", "var/tongnan.db", "sqlite+aiosqlite:///var/tongnan.db"),
        ("SQLITE://:memory:", ":memory:", "sqlite+aiosqlite:///:memory:"),
    ],
)
def test_sqlite_urls(text: str, path: str, sqlalchemy: str) -> None:
    url = DatabaseUrl.parse(text)
    assert url.is_sqlite and url.path == path
    assert url.sqlalchemy_url() == sqlalchemy
    credentials = url.tortoise_connection()["credentials"]
    assert credentials["file_path"] == path
    assert credentials["journal_mode"] == "WAL" and credentials["busy_timeout"] > 0


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "asyncpg"])
def test_postgres_urls_keep_every_part(scheme: str) -> None:
    url = DatabaseUrl.parse(f"{scheme}://app:p%40ss@db.local:6543/work")
    assert (url.backend, url.user, url.password, url.host, url.port, url.database) == (
        "postgres",
        "app",
        "p@ss",
        "db.local",
        6543,
        "work",
    )
    assert url.sqlalchemy_url() == "postgresql+asyncpg://app:p%40ss@db.local:6543/work"
    assert url.asyncpg_dsn() == "postgresql://app:p%40ss@db.local:6543/work"
    assert url.tortoise_connection()["engine"] == "tongnan.domain.common.pool"
    assert "p@ss" not in url.redacted()


def test_postgres_defaults() -> None:
    url = DatabaseUrl.parse("postgres:///test")
    assert (url.host, url.port, url.user, url.database) == ("127.0.0.1", 5432, "postgres", "test")
    assert url.with_database("other").database == "other"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tongnan.db", "缺少类型"),
        ("mysql://x/y", "不支持“mysql”类型的数据库地址"),
        ("sqlite://", "缺少文件路径"),
        ("postgres://host:5432/", "没有写数据库名"),
    ],
)
def test_bad_urls_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DatabaseUrlError, match=message):
        DatabaseUrl.parse(text)
