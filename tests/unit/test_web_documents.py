"""The workbench's GraphQL documents (web/src/**/*.graphql): each is valid against the committed
schema.graphql and holds one operation, and the build's trusted-document manifest (when built)
is sha256 hex → text, with every operation in it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, build_schema, parse, validate

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "web" / "src").rglob("*.graphql"))
MANIFEST = ROOT / "web" / "dist" / "operations.json"


def operations(text: str) -> list[str]:
    return [
        d.name.value
        for d in parse(text).definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    ]


def test_the_workbench_has_documents() -> None:
    assert len(DOCUMENTS) >= 10


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_document_is_valid_against_the_schema(path: Path) -> None:
    schema = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    errors = validate(schema, parse(path.read_text(encoding="utf-8")))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_document_holds_one_named_operation_named_as_its_file(path: Path) -> None:
    assert operations(path.read_text(encoding="utf-8")) == [path.stem]


def test_the_manifest_maps_each_hash_to_its_text_and_holds_every_operation() -> None:
    if not MANIFEST.is_file():
        pytest.skip("web/dist is not built (bin/setup builds it)")
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for key, text in manifest.items():
        assert key == hashlib.sha256(text.encode()).hexdigest()
    names = sorted(name for text in manifest.values() for name in operations(text))
    assert names == sorted(path.stem for path in DOCUMENTS)
