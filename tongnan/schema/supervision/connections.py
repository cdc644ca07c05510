"""Relay connections of supervisions, findings, rectification items and urge notices."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import strawberry

from tongnan.schema.common.connections import PageInfo, page
from tongnan.schema.supervision.items import RectificationItem
from tongnan.schema.supervision.types import Finding, Supervision
from tongnan.schema.supervision.urge import UrgeNotice

R = TypeVar("R")
N = TypeVar("N")


def paged(
    rows: Sequence[R], first: int | None, after: str | None, build: Callable[[R], N]
) -> tuple[list[tuple[str, N]], PageInfo]:
    """The page of ``rows``, only the page's rows built into objects."""
    edges, info = page(rows, first, after)
    return [(cursor, build(row)) for cursor, row in edges], info


@strawberry.type
class SupervisionEdge:
    cursor: str
    node: Supervision


@strawberry.type(description="督查列表(分页)/ A page of supervisions.")
class SupervisionConnection:
    edges: list[SupervisionEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Supervision]:
        return [edge.node for edge in self.edges]


@strawberry.type
class FindingEdge:
    cursor: str
    node: Finding


@strawberry.type(description="问题列表(分页)/ A page of findings.")
class FindingConnection:
    edges: list[FindingEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Finding]:
        return [edge.node for edge in self.edges]


@strawberry.type
class RectificationItemEdge:
    cursor: str
    node: RectificationItem


@strawberry.type(description="整改事项列表(分页)/ A page of rectification items.")
class RectificationItemConnection:
    edges: list[RectificationItemEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[RectificationItem]:
        return [edge.node for edge in self.edges]


@strawberry.type
class UrgeNoticeEdge:
    cursor: str
    node: UrgeNotice


@strawberry.type(description="催办通知列表(分页)/ A page of urge notices.")
class UrgeNoticeConnection:
    edges: list[UrgeNoticeEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[UrgeNotice]:
        return [edge.node for edge in self.edges]
