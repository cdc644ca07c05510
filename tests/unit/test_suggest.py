"""Nearest-name suggestions for typo'd unit names."""

from __future__ import annotations

from tongnan.domain.common.suggest import did_you_mean, nearest_names

TOWNS = ["柏梓镇", "龙形镇", "双江镇", "桂林街道", "梓潼街道", "区农业农村委", "区人力社保局"]


def test_one_wrong_character_finds_the_town() -> None:
    assert nearest_names("柏子镇", TOWNS) == ["柏梓镇"]


def test_hint_reads_as_a_question() -> None:
    assert did_you_mean("柏子镇", TOWNS) == "是否为“柏梓镇”？"


def test_nothing_near_suggests_nothing() -> None:
    assert nearest_names("重庆市财政局", TOWNS) == []
    assert did_you_mean("重庆市财政局", TOWNS) == ""


def test_missing_suffix_and_full_width_forms_still_match() -> None:
    assert nearest_names("桂林", TOWNS)[0] == "桂林街道"
    assert nearest_names(" 双江 镇", [*TOWNS, "双江镇"]) == []  # the same name: no hint
    assert nearest_names("区农业农村", TOWNS) == ["区农业农村委"]


def test_nearest_first_and_limited() -> None:
    names = ["甲乙丙丁", "甲乙丙戊", "甲乙己庚", "甲乙丙丁戊"]
    assert nearest_names("甲乙丙己", names, limit=2) == ["甲乙丙丁", "甲乙丙戊"]
    assert nearest_names("甲乙丙己", names, limit=0) == []


def test_empty_name_suggests_nothing() -> None:
    assert nearest_names("", TOWNS) == []
