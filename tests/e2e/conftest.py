"""Fixtures of the end-to-end tier: an empty (unmigrated) database for the command line's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.databases import Databases
from tongnan.domain.common.database import DatabaseUrl


@pytest.fixture
async def empty_url(databases: Databases) -> AsyncIterator[DatabaseUrl]:
    url = await databases.empty()
    try:
        yield url
    finally:
        await databases.drop(url)
