"""Ranking with ties: equal values share a rank (1, 1, 3) and print as 并列第N."""

from __future__ import annotations

from tongnan.domain.documents.progress_bulletin import rank_units
from tongnan.domain.documents.progress_source import UnitReporting
from tongnan.domain.rules.ranking import Rank, rank


def test_equal_values_share_a_rank_and_the_next_rank_skips() -> None:
    scores = [("甲", 90), ("乙", 95), ("丙", 90), ("丁", 80), ("戊", 95)]
    ranked = rank(scores, value=lambda s: s[1], order=lambda s: -s[1])
    assert [(r.position, r.tied, name) for r, (name, _) in ranked] == [
        (1, True, "乙"),
        (1, True, "戊"),
        (3, True, "甲"),
        (3, True, "丙"),
        (5, False, "丁"),
    ]
    assert [r.label for r, _ in ranked] == ["并列第1", "并列第1", "并列第3", "并列第3", "第5"]


def test_no_entries_and_one_entry() -> None:
    assert rank([], value=lambda s: s, order=lambda s: s) == []
    assert rank([7], value=lambda s: s, order=lambda s: s) == [(Rank(1, False), 7)]


def test_units_with_the_same_on_time_rate_are_tied_exactly() -> None:
    units = (
        UnitReporting("区民政局", owed=3, on_time=1, late=0),  # 1/3
        UnitReporting("群力镇", owed=6, on_time=2, late=1),  # 2/6: the same rate
        UnitReporting("双江镇", owed=4, on_time=4, late=0),
        UnitReporting("别口镇", owed=0, on_time=0, late=0),  # owes nothing: counted as 100%
        UnitReporting("柏梓镇", owed=5, on_time=1, late=0),
    )
    ranked = [(place.label, unit.name) for place, unit in rank_units(units)]
    assert ranked == [
        ("并列第1", "双江镇"),  # 4 on time before 0 on time, the same rank
        ("并列第1", "别口镇"),
        ("并列第3", "群力镇"),  # more reports on time first within a tie
        ("并列第3", "区民政局"),
        ("第5", "柏梓镇"),
    ]
