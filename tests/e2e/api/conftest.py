"""API fixtures: the app on a fresh database, as in development and as in production."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.api import Api, api_for
from tongnan.domain.common.database import DatabaseUrl


@pytest.fixture
async def api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for value in api_for(db_url):
        yield value


@pytest.fixture
async def production_api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for value in api_for(db_url, env="production"):
        yield value
