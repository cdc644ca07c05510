"""Finished query results, remembered per caller until anything they could show changes.

A result is kept under the query text, its variables and operation name, the caller's
bearer token, today's date (warnings depend on it) and the plan cache's freshness
(which moves on every announced write, here or in another process); a query that reads
notifications also under the notifications' own counter, which the delivery worker's writes
move without dropping any other answer. Only queries without errors are kept; mutations and
subscriptions never are. The cache is bounded (LRU).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    visit,
)

MAX_ENTRIES = 512
MAX_ENTRY_BYTES = 256 * 1024  # a larger result (an exported file) is served, never kept
# root fields whose answer moves without an announced write (the sealer's seals, a verification
# by the CLI in another process): a query asking for one is never kept
VOLATILE_FIELDS = frozenset({"auditChain"})


@lru_cache(maxsize=1024)
def is_query(text: str, operation_name: str | None) -> bool:
    """True when the operation to run is a query that may be kept (False for mutations,
    subscriptions, junk, and a query of a volatile root field)."""
    try:
        document = parse(text)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
        return False
    return not any(
        isinstance(field, FieldNode) and field.name.value in VOLATILE_FIELDS
        for field in operations[0].selection_set.selections
    )


@lru_cache(maxsize=1024)
def names_any(text: str, fields: frozenset[str]) -> bool:
    """True when the document selects a field named in ``fields`` anywhere (fragments too), or
    cannot be parsed (then nothing is assumed)."""
    try:
        document = parse(text)
    except GraphQLError:
        return True
    found = False

    class _Finder(Visitor):
        def enter_field(self, node: FieldNode, *_args: Any) -> None:
            nonlocal found
            found = found or node.name.value in fields

    visit(document, _Finder())
    return found


class ResponseCache:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        caller: str,
        freshness: Hashable,
    ) -> Hashable | None:
        if not query or not is_query(query, operation_name):
            return None
        try:
            variables_text = json.dumps(variables or {}, sort_keys=True)
        except (TypeError, ValueError):
            return None
        return (query, variables_text, operation_name, caller, freshness)

    def get(self, key: Hashable) -> Any:
        value = self._entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: Hashable, value: Any, size: int = 0) -> None:
        """Keep ``value`` (``size``: the length of the response body it was sent in)."""
        if self.max_entries <= 0:  # TONGNAN_RESPONSE_CACHE_ENTRIES=0 turns the cache off
            return
        if size > MAX_ENTRY_BYTES:
            return
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
