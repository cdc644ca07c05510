"""The app with the bundled plan imported, an HTTP client on it, and tokens for each caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette

from tests.support.files import DIRECTORY_FILE, PLAN_FILE, TEST_AUDIT_KEY, TEST_COST_BUDGET
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import Clock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role
from tongnan.domain.directory import parse_directory
from tongnan.domain.directory.tokens import create_token
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.plan_import import import_plan
from tongnan.server.app import create_app
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.settings import Settings

OPERATOR = Actor(name="cli:test", role=Role.OFFICE_ADMIN)


@dataclass
class Api:
    client: httpx.AsyncClient
    tokens: dict[str, str]
    app: Starlette

    async def token_for(self, key: str, unit: str | None, role: Role) -> str:
        """Add a token (e.g. for another lead unit) under ``key``."""
        self.tokens[key] = (await create_token(unit, role, OPERATOR, f"test-{key}")).token
        return key

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[token]}"} if token else {}
        return await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        response = await self.post(query, variables, token)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result


async def seed() -> dict[str, str]:
    await import_plan(
        parse_notice(PLAN_FILE.read_text(encoding="utf-8")),
        OPERATOR,
        parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8")),
    )
    tokens = {}
    for key, unit, role in (
        ("office", None, Role.OFFICE_ADMIN),
        ("shuangjiang", "双江镇", Role.UNIT_REPORTER),
        ("hr", "区人力社保局", Role.UNIT_REPORTER),
        ("supervisor", None, Role.SUPERVISOR),
        ("viewer", None, Role.VIEWER),
    ):
        tokens[key] = (await create_token(unit, role, OPERATOR, f"test-{key}")).token
    return tokens


async def api_for(
    url: DatabaseUrl, clock: Clock | None = None, **settings: Any
) -> AsyncIterator[Api]:
    settings.setdefault("warning_sweep_seconds", 0)  # on only where a test wants it
    settings.setdefault("notify", NotifySettings(worker=False))  # tests run their own workers
    settings.setdefault("audit_key", TEST_AUDIT_KEY)
    settings.setdefault("cost_budget", TEST_COST_BUDGET)  # never throttled unless a test asks
    settings.setdefault("cost_refill_per_minute", TEST_COST_BUDGET)
    settings.setdefault("audit_seal_interval_seconds", 3600.0)  # sealing tests set milliseconds
    app = create_app(Settings(database_url=url, **settings), clock=clock)
    async with app.router.lifespan_context(app):
        tokens = await seed()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client, tokens, app)
