"""The JSON body of a GraphQL POST: parsed once, its shape and nesting checked (else HTTP 400).

A bare scalar (``1``, ``"x"``, ``null``), JSON nested deeper than :data:`MAX_JSON_DEPTH`, or a
member of the wrong type is the caller's mistake and gets a 400 in plain words, never a fault.
"""

from __future__ import annotations

import json
from typing import Any, Final

from cross_web import HTTPException

from tongnan.server.messages import BAD_FIELD, NOT_AN_OBJECT, NOT_JSON, TOO_DEEP

MAX_JSON_DEPTH: Final = 32  # a request's variables never need more than a handful of levels
_MEMBERS: Final = (
    ("query", str, "文本"),
    ("operationName", str, "文本"),
    ("variables", dict, "JSON 对象"),
    ("extensions", dict, "JSON 对象"),
)


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests arrays and objects more than ``limit`` levels (iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse_request_body(data: str | bytes) -> Any:
    """The request object (a dict, or a list for a batch, which the view then refuses)."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise HTTPException(400, TOO_DEEP.format(limit=MAX_JSON_DEPTH)) from None
    except ValueError:
        raise HTTPException(400, NOT_JSON) from None
    if json_depth_exceeds(value, MAX_JSON_DEPTH):
        raise HTTPException(400, TOO_DEEP.format(limit=MAX_JSON_DEPTH))
    for request in value if isinstance(value, list) else [value]:
        if not isinstance(request, dict):
            raise HTTPException(400, NOT_AN_OBJECT)
        for name, kind, words in _MEMBERS:
            if request.get(name) is not None and not isinstance(request[name], kind):
                raise HTTPException(400, BAD_FIELD.format(name=name, kind=words))
    return value
