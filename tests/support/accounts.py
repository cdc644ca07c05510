"""Accounts for tests: a user with a password (as the office would open it) and signing in
through ``/auth/login`` with an HTTP client that keeps the session cookie."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.seed import OFFICE
from tongnan.domain.common.values import Role
from tongnan.domain.directory.accounts import create_user

GUILIN = ("guilin", "town-demo-2025")
OFFICE_ACCOUNT = ("office", "office-demo-2025")


async def open_accounts() -> None:
    """The demo's accounts: the office (专班办公室) and a town (桂林街道)."""
    await create_user(OFFICE, OFFICE_ACCOUNT[0], "专班办公室", Role.OFFICE_ADMIN, OFFICE_ACCOUNT[1])
    await create_user(OFFICE, GUILIN[0], "桂林街道", Role.UNIT_REPORTER, GUILIN[1])


async def login(
    client: httpx.AsyncClient, name: str, password: str, **headers: str
) -> httpx.Response:
    return await client.post(
        "/auth/login", json={"username": name, "password": password}, headers=headers
    )


def session_cookie(response: httpx.Response) -> str:
    """The session secret a sign-in's Set-Cookie carries."""
    value = response.cookies.get("tongnan_session")
    assert value, response.headers.get("set-cookie")
    return str(value)


def graphql(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"query": query, "variables": variables or {}}
