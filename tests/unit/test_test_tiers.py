"""The test tiers stay apart: unit, integration and e2e share code only through ``tests.support``.

A tier importing another tier's modules (or any conftest) makes a quick tier depend on a slow
one's fixtures, and moving a test breaks tests elsewhere; shared helpers belong in
``tests.support``, shared fixtures in ``tests/conftest.py``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
TIERS = ("unit", "integration", "e2e")


def imported_modules(source: str) -> Iterator[str]:
    """Every absolute module a source file imports, wherever the import statement stands."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def leaks(tier: str, source: str) -> list[str]:
    """The imports in a module of ``tier`` that reach into another tier or into a conftest."""
    found = []
    for module in imported_modules(source):
        parts = module.split(".")
        if parts[0] != "tests" or len(parts) < 2:
            continue
        other_tier = parts[1] in TIERS and parts[1] != tier
        if other_tier or parts[-1] == "conftest":
            found.append(module)
    return sorted(set(found))


def test_the_rule_catches_each_kind_of_leak() -> None:
    source = """
from tests.e2e.api.conftest import Api
from tests.conftest import PLAN_FILE
import tests.e2e.test_server
from tests.integration.documents import docsamples
from tests.support.api import Api
from tests.unit.responsibility_matrix import graphs
"""
    assert leaks("unit", source) == [
        "tests.conftest",
        "tests.e2e.api.conftest",
        "tests.e2e.api.conftest.Api",
        "tests.e2e.test_server",
        "tests.integration.documents",
        "tests.integration.documents.docsamples",
    ]
    assert "tests.unit.responsibility_matrix" in leaks("integration", source)
    assert not [m for m in leaks("e2e", source) if m.startswith("tests.support")]


@pytest.mark.parametrize("tier", TIERS)
def test_no_tier_imports_another_tier_or_a_conftest(tier: str) -> None:
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted((TESTS / tier).rglob("*.py"))
        if (names := leaks(tier, path.read_text(encoding="utf-8")))
    }
    assert found == {}, "move what these share into tests/support (helpers) or tests/conftest.py"


def test_support_imports_no_tier() -> None:
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted((TESTS / "support").rglob("*.py"))
        if (names := leaks("support", path.read_text(encoding="utf-8")))
    }
    assert found == {}
