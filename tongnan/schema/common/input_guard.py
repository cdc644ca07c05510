"""One guard for every string a request brings, before anything runs: no NUL character.

PostgreSQL cannot store U+0000 in text (and SQLite would keep it where no one can see it), so a
NUL in any argument literal or variable, whatever the field (a summary, a title, an
idempotency key …), refuses the whole request in plain words instead of reaching storage.
Texts longer than their column are refused where they are stored (``storage_refusals``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

NUL = "\x00"
HAS_NUL = "填写的内容含有空字符（NUL），请删去后再提交"


def has_nul(value: Any) -> bool:
    """Whether a variable value (any JSON) holds a NUL in a string, key or value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if NUL in node.value:
            self.found = True


class InputGuard(SchemaExtension):
    """Refuses a request with a NUL in its variables or in a string literal of its document."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        literals = _Literals()
        text = context.query
        # A literal can only hold a NUL written as itself or as a \u escape: a text with
        # neither needs no walk through its document.
        if context.graphql_document is not None and (text is None or NUL in text or "\\u" in text):
            visit(context.graphql_document, literals)
        if literals.found or has_nul(context.variables):
            raise GraphQLError(HAS_NUL, extensions={"code": "INVALID"})
        yield
