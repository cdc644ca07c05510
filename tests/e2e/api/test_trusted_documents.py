"""Trusted documents: a manifest written here (as the web build writes web/dist/operations.json)
is loaded at start; ``documentId`` runs its document; an unknown id is a 400 with a GraphQL
error in Chinese; in production a session may run only the manifest's documents, a token any."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.accounts import GUILIN, login, open_accounts
from tests.support.api import Api, api_for
from tongnan.domain.common.database import DatabaseUrl
from tongnan.server.settings import Settings
from tongnan.server.trusted_documents import TrustedDocuments

VIEWER = "query Viewer { viewer { name unitName } }"
VIEWER_ID = hashlib.sha256(VIEWER.encode()).hexdigest()


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "operations.json"
    path.write_text(json.dumps({VIEWER_ID: VIEWER}), encoding="utf-8")
    return path


@pytest.fixture
async def production(db_url: DatabaseUrl, manifest: Path) -> AsyncIterator[Api]:
    async for api in api_for(db_url, env="production", trusted_documents=str(manifest)):
        await open_accounts()
        yield api


async def test_a_document_id_runs_its_document(production: Api) -> None:
    client = production.client
    await login(client, *GUILIN)
    answer = await client.post(
        "/graphql", json={"documentId": f"sha256:{VIEWER_ID}", "operationName": "Viewer"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["viewer"] == {"name": "guilin", "unitName": "桂林街道"}
    # the same text sent in full is a manifest document too
    assert (await client.post("/graphql", json={"query": VIEWER})).status_code == 200


async def test_an_unknown_id_is_a_graphql_error(production: Api) -> None:
    for document_id in (f"sha256:{'0' * 64}", "md5:abc", 42):
        answer = await production.client.post("/graphql", json={"documentId": document_id})
        assert answer.status_code == 400
        message = answer.json()["errors"][0]["message"]
        assert "documentId" in message and any("\u4e00" <= c <= "\u9fff" for c in message)


async def test_in_production_a_session_runs_only_manifest_documents(production: Api) -> None:
    client = production.client
    await login(client, *GUILIN)
    other = await client.post("/graphql", json={"query": "{ viewer { name } }"})
    assert other.status_code == 400
    assert other.json()["errors"][0]["extensions"]["code"] == "UNTRUSTED_DOCUMENT"
    assert "可信查询清单" in other.json()["errors"][0]["message"]
    # a token runs any operation
    token = await client.post(
        "/graphql",
        json={"query": "{ viewer { name } }"},
        headers={"Authorization": f"Bearer {production.tokens['viewer']}"},
    )
    assert token.status_code == 200 and token.json()["data"]["viewer"]["name"] == "test-viewer"


async def test_in_development_a_session_runs_any_document(db_url: DatabaseUrl) -> None:
    async for api in api_for(db_url):
        await open_accounts()
        await login(api.client, *GUILIN)
        answer = await api.client.post("/graphql", json={"query": "{ viewer { name } }"})
        assert answer.json()["data"]["viewer"]["name"] == "guilin"


def test_a_bad_manifest_stops_the_start(tmp_path: Path) -> None:
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({"0" * 64: VIEWER}), encoding="utf-8")
    with pytest.raises(ValueError, match="SHA-256"):
        TrustedDocuments.load(str(forged))
    with pytest.raises(ValueError, match="TONGNAN_TRUSTED_DOCUMENTS"):
        TrustedDocuments.load(str(tmp_path / "missing.json"))
    assert (
        TrustedDocuments.load(Settings().trusted_documents).documents == {}
        or Path("web/dist/operations.json").is_file()
    )
