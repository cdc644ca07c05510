"""Relay connections: ``first`` (1–100) and ``after``, with opaque cursors and page info."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

import strawberry
from graphql import GraphQLError

MAX_PAGE = 100
T = TypeVar("T")


@strawberry.type(description="分页信息 / Where this page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@lru_cache(maxsize=4096)
def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "offset":
            raise ValueError(kind)
        return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise GraphQLError(f"after：“{cursor}”不是本系统给出的翻页位置，请从第一页重新翻") from None


def page(
    items: Sequence[T], first: int | None, after: str | None
) -> tuple[list[tuple[str, T]], PageInfo]:
    """The slice of ``items`` after ``after``, at most ``first`` long (default and maximum 100)."""
    if first is not None and not 1 <= first <= MAX_PAGE:
        raise GraphQLError(f"first：每页条数应在1到{MAX_PAGE}之间，现在是{first}")
    size = first or MAX_PAGE
    start = _offset(after) + 1 if after is not None else 0
    chosen = list(items[start : start + size])
    edges = [(_cursor(start + i), item) for i, item in enumerate(chosen)]
    return edges, PageInfo(
        has_next_page=start + size < len(items),
        has_previous_page=start > 0,
        start_cursor=edges[0][0] if edges else None,
        end_cursor=edges[-1][0] if edges else None,
    )
