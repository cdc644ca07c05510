"""An uploaded ledger sheet over the limits set in the environment: refused before reading, and
a sheet full of errors answered with the first few and a count, not megabytes of them."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.api import Api, api_for
from tests.support.crafted_xlsx import with_dimension, workbook
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.supervision.sheet_limits import SheetLimits
from tongnan.server.settings import Settings

HEADERS = ["序号", "问题来源", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"]
IMPORT = """mutation($input: ImportRectificationLedgerInput!) {
  importRectificationLedger(input: $input) {
    items { id } rowErrors { row column message } rowErrorCount
    userErrors { field message code } } }"""


def test_the_limits_are_settings() -> None:
    settings = Settings.from_env(
        {
            "TONGNAN_SHEET_MAX_ROWS": "100",
            "TONGNAN_SHEET_MAX_COLUMNS": "12",
            "TONGNAN_SHEET_MAX_CELLS": "900",
            "TONGNAN_SHEET_MAX_UNPACKED_BYTES": "100000",
            "TONGNAN_SHEET_MAX_ERRORS": "3",
        }
    )
    assert settings.sheet_limits() == SheetLimits(
        max_rows=100, max_columns=12, max_cells=900, max_unpacked_bytes=100_000, max_errors=3
    )
    assert Settings.from_env({}).sheet_limits() == SheetLimits()


@pytest.fixture
async def strict_api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for api in api_for(db_url, sheet_max_rows=50, sheet_max_errors=4):
        yield api


async def _import(api: Api, content: bytes) -> dict[str, Any]:
    variables = {"input": {"contentBase64": base64.b64encode(content).decode()}}
    payload: dict[str, Any] = (await api.data(IMPORT, variables, token="office"))[
        "importRectificationLedger"
    ]
    return payload


async def test_a_sheet_of_errors_is_answered_with_the_first_and_a_count(strict_api: Api) -> None:
    rows = [[n, "区级专项督查", "问题", "措施", "不存在镇", "", "下月底"] for n in range(30)]
    payload = await _import(strict_api, workbook([HEADERS, *rows]))
    assert payload["rowErrorCount"] == 60
    assert len(payload["rowErrors"]) == 4
    assert len(payload["userErrors"]) == 4
    assert payload["items"] == []


async def test_a_sheet_over_the_limits_is_refused_before_reading(strict_api: Api) -> None:
    small = workbook([HEADERS, [1, "区级专项督查", "问题", "措施", "双江镇", "", "2025-09-30"]])
    for ref in ("A1:G20000", "A1:CV100"):
        payload = await _import(strict_api, with_dimension(small, ref))
        (error,) = payload["userErrors"]
        assert error["code"] == "INVALID" and error["field"] == ["contentBase64"]
        assert payload["rowErrorCount"] == 0
    rows = [[n, "区级专项督查", "问题", "措施", "双江镇", "", "2025-09-30"] for n in range(60)]
    payload = await _import(strict_api, with_dimension(workbook([HEADERS, *rows]), "A1:G2"))
    (error,) = payload["userErrors"]
    assert "超过 50 行" in error["message"]
