"""Ranking with ties (pure): equal values share a rank and the next rank skips (1, 1, 3), and
how a rank is printed (第1 / 并列第1)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rank:
    """A place in a ranking; ``tied`` when another entry shares it."""

    position: int
    tied: bool

    @property
    def label(self) -> str:
        return f"并列第{self.position}" if self.tied else f"第{self.position}"


def rank(
    entries: Sequence[T], *, value: Callable[[T], Hashable], order: Callable[[T], Any]
) -> list[tuple[Rank, T]]:
    """``entries`` in ``order`` (best first, a stable sort), each with its rank: entries whose
    ``value`` is equal share the rank of the first of them (standard competition ranking).
    Entries with equal values must be adjacent in ``order``."""
    ordered = sorted(entries, key=order)
    positions: list[int] = []
    for k, entry in enumerate(ordered):
        same = k > 0 and value(entry) == value(ordered[k - 1])
        positions.append(positions[-1] if same else k + 1)
    shared = Counter(positions)
    return [(Rank(p, shared[p] > 1), entry) for p, entry in zip(positions, ordered, strict=True)]
