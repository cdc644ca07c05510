"""The seeded fair draw of a spot check (随机抽查): anyone with the seed can repeat it.

Method ``sha256-rank-v1``: every candidate gets a ticket, the SHA-256 (hex) of
``seed + "\\x1f" + name``; tickets are sorted and the lowest ``count`` are picked. Each ticket is
uniformly distributed and independent of the others, so every set of ``count`` candidates is
equally likely; the result does not depend on the order the candidates are listed in; and the
draw can be checked by hand (``printf '%s\\x1f%s' SEED NAME | sha256sum``) without this code.
A draw is only as fair as its seed: fix the seed before the pool is known (or let the server
choose it at random), and publish it with the tickets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

METHOD = "sha256-rank-v1"
MAX_SEED_LENGTH = 64


class DrawError(ValueError):
    """The draw cannot be made as asked (no seed, too few candidates, …)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Ticket:
    candidate: Candidate
    ticket: str  # 64 hex digits
    picked: bool


@dataclass(frozen=True, slots=True)
class Draw:
    seed: str
    count: int
    method: str
    tickets: tuple[Ticket, ...]  # lowest ticket first

    @property
    def picked(self) -> tuple[Candidate, ...]:
        return tuple(t.candidate for t in self.tickets if t.picked)


def ticket(seed: str, name: str) -> str:
    return hashlib.sha256(f"{seed}\x1f{name}".encode()).hexdigest()


def draw(seed: str, candidates: Sequence[Candidate], count: int) -> Draw:
    """Pick ``count`` of ``candidates`` (distinct by id) by the seeded ranking."""
    if not seed.strip():
        raise DrawError("抽签需要填写抽签种子")
    if len(seed) > MAX_SEED_LENGTH:
        raise DrawError(f"抽签种子最多{MAX_SEED_LENGTH}个字符")
    unique = list({c.id: c for c in candidates}.values())
    if count < 1:
        raise DrawError("抽签至少要抽1个单位")
    if count > len(unique):
        raise DrawError(f"候选单位只有{len(unique)}个，抽不出{count}个，请减少抽取数量")
    ranked = sorted(((ticket(seed, c.name), c) for c in unique), key=lambda t: (t[0], t[1].id))
    return Draw(
        seed=seed,
        count=count,
        method=METHOD,
        tickets=tuple(
            Ticket(candidate, digest, index < count)
            for index, (digest, candidate) in enumerate(ranked)
        ),
    )


def draw_record(result: Draw) -> dict[str, object]:
    """The draw as stored with the supervision (JSON): enough to show and re-check it."""
    return {
        "seed": result.seed,
        "count": result.count,
        "method": result.method,
        "tickets": [
            {"unit_id": t.candidate.id, "name": t.candidate.name, "ticket": t.ticket}
            for t in result.tickets
        ],
        "picked": [c.id for c in result.picked],
    }
