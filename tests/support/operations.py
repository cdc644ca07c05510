"""Every GraphQL query the project writes down: in the tests, the examples, the bench, and the
workbench's operation files (when the workbench is in the tree), for the compiled-path check."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

REPO = Path(__file__).resolve().parents[2]
PYTHON_SOURCES = ("tests", "examples", "bench")
GRAPHQL_SOURCES = ("bench", "web/src", "examples")


def _queries_in(text: str) -> Iterator[tuple[str, str | None]]:
    """(document, operation name) for each query operation of ``text``, if it is GraphQL."""
    if "{" not in text:
        return
    try:
        document = parse(text)
    except (GraphQLError, RecursionError):
        return
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    for operation in operations:
        if operation.operation is not OperationType.QUERY:
            continue
        name = operation.name.value if operation.name else None
        if name is None and len(operations) > 1:
            continue
        yield text, name


def collected_operations() -> list[tuple[str, str, str | None]]:
    """(where it was found, document, operation name), each document and name once."""
    seen: set[tuple[str, str | None]] = set()
    found: list[tuple[str, str, str | None]] = []

    def add(where: str, text: str) -> None:
        for document, name in _queries_in(text):
            if (document, name) not in seen:
                seen.add((document, name))
                found.append((where, document, name))

    for folder in PYTHON_SOURCES:
        for path in sorted((REPO / folder).rglob("*.py")):
            if "node_modules" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    add(str(path.relative_to(REPO)), node.value)
    for folder in GRAPHQL_SOURCES:
        root = REPO / folder
        if not root.exists():
            continue
        for path in sorted(root.rglob("*.graphql")):
            if "node_modules" not in path.parts:
                add(str(path.relative_to(REPO)), path.read_text(encoding="utf-8"))
    return found
