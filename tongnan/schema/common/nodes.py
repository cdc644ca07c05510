"""Which resolver finds each ``Node`` type by its row key: what ``node(id:)`` and
``history(id:)`` answer for.

Each feature registers, next to its queries, one finder per type it publishes as a ``Node``;
``node`` dispatches on the global id's type. A finder answers ``None`` for a row that does not
exist or that the caller may not see; types readable only when signed in are ``None`` to an
anonymous caller without asking the finder.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tongnan.schema.common.context import Info
from tongnan.schema.common.node import Node

Finder = Callable[[Info, int], Awaitable[Node | None]]
F = TypeVar("F", bound=Finder)


@dataclass(frozen=True, slots=True)
class _Entry:
    find: Finder
    signed_in: bool


_FINDERS: dict[str, _Entry] = {}


def finds(type_name: str, *, signed_in: bool = True) -> Callable[[F], F]:
    """Register the decorated function as the finder of ``type_name`` (one per type)."""

    def register(find: F) -> F:
        if type_name in _FINDERS:
            raise RuntimeError(f"two finders for node type {type_name}")
        _FINDERS[type_name] = _Entry(find, signed_in)
        return find

    return register


def node_types() -> frozenset[str]:
    """Every type that has a finder."""
    return frozenset(_FINDERS)


async def find_node(info: Info, type_name: str, key: int) -> Node | None:
    """The object of ``type_name`` with row ``key`` as the caller may see it, or ``None``."""
    entry = _FINDERS.get(type_name)
    if entry is None or (entry.signed_in and info.context.actor is None):
        return None
    return await entry.find(info, key)
