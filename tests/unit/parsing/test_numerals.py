"""Chinese numerals for section/task labels and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.parsing.numerals import parse_chinese_int, parse_date, to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十二", 22),
        ("两", 2),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百二十三", 123),
        ("12", 12),
    ],
)
def test_parse_chinese_int(text: str, value: int) -> None:
    assert parse_chinese_int(text) == value


@pytest.mark.parametrize("text", ["", "二二", "十十", "十百", "甲", "一百十"])
def test_parse_chinese_int_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="汉字数字"):
        parse_chinese_int(text)


def test_to_chinese_round_trips() -> None:
    assert [to_chinese(n) for n in (1, 10, 11, 22, 105, 120)] == [
        "一",
        "十",
        "十一",
        "二十二",
        "一百零五",
        "一百二十",
    ]
    for number in range(1, 1000):
        assert parse_chinese_int(to_chinese(number)) == number


@pytest.mark.parametrize(
    "text", ["2025年4月27日", "2025 年 4 月 27 日", "二〇二五年四月二十七日", "2025年04月27日"]
)
def test_parse_date(text: str) -> None:
    assert parse_date(text) == dt.date(2025, 4, 27)


def test_parse_date_is_none_for_other_text_and_raises_for_impossible_days() -> None:
    assert parse_date("2025年4月27日印发") is None
    assert parse_date("关于印发") is None
    with pytest.raises(ValueError, match="day"):
        parse_date("2025年2月30日")
