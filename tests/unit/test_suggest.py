"""Nearest names for a name typed wrong."""

from __future__ import annotations

from tongnan.domain.common.suggest import did_you_mean, nearest_names

TOWNS = ["柏梓镇", "双江镇", "桂林街道", "梓潼街道", "古溪镇", "区民政局"]


def test_a_typo_suggests_the_nearest_names() -> None:
    assert nearest_names("柏子镇", TOWNS) == ["柏梓镇"]
    assert did_you_mean("柏子镇", TOWNS) == "是否为“柏梓镇”？"
    assert did_you_mean("双江", TOWNS) == "是否为“双江镇”？"


def test_nothing_close_suggests_nothing() -> None:
    assert nearest_names("国家统计局", TOWNS) == []
    assert did_you_mean("", TOWNS) == ""
