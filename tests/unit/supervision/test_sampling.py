"""The seeded draw: reproducible, independent of list order, and fair over many seeds."""

from __future__ import annotations

import hashlib

import pytest

from tongnan.domain.rules.sampling import Candidate, DrawError, draw, draw_record, ticket

TOWNS = tuple(Candidate(i, f"镇{i:02d}") for i in range(1, 23))


def test_the_same_seed_picks_the_same_units_whatever_the_order() -> None:
    first = draw("2025-06-抽查", TOWNS, 3)
    again = draw("2025-06-抽查", tuple(reversed(TOWNS)), 3)
    assert first.picked == again.picked and len(first.picked) == 3
    assert draw("another seed", TOWNS, 3).picked != first.picked


def test_tickets_can_be_checked_without_this_code() -> None:
    result = draw("seed", TOWNS, 2)
    for entry in result.tickets:
        expected = hashlib.sha256(f"seed\x1f{entry.candidate.name}".encode()).hexdigest()
        assert entry.ticket == expected == ticket("seed", entry.candidate.name)
    assert [t.ticket for t in result.tickets] == sorted(t.ticket for t in result.tickets)
    assert [t.picked for t in result.tickets] == [True, True] + [False] * 20
    record = draw_record(result)
    assert record["picked"] == [c.id for c in result.picked] and record["seed"] == "seed"


def test_every_unit_is_picked_about_equally_often() -> None:
    seeds, count = 4000, 3
    hits = dict.fromkeys((c.id for c in TOWNS), 0)
    for n in range(seeds):
        for picked in draw(f"seed-{n}", TOWNS, count).picked:
            hits[picked.id] += 1
    expected = seeds * count / len(TOWNS)
    chi_square = sum((h - expected) ** 2 / expected for h in hits.values())
    assert chi_square < 46.8  # 21 degrees of freedom: p = 0.001


def test_duplicates_count_once_and_bad_requests_are_refused() -> None:
    assert len(draw("s", TOWNS + TOWNS[:5], 22).picked) == 22
    with pytest.raises(DrawError, match="候选单位只有22个，抽不出23个"):
        draw("s", TOWNS, 23)
    with pytest.raises(DrawError, match="至少要抽1个单位"):
        draw("s", TOWNS, 0)
    with pytest.raises(DrawError, match="需要填写抽签种子"):
        draw("  ", TOWNS, 1)
    with pytest.raises(DrawError, match="最多64个字符"):
        draw("x" * 65, TOWNS, 1)
