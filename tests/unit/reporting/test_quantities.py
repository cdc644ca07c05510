"""Values as clerks type them, read in the target's unit, and everything else refused in words."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - keeps the tables readable

import pytest

from tongnan.domain.reporting.quantities import NotAQuantity, expected, read_quantity


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        # the plan's own units
        ("8420元", "元", D("8420")),
        ("8420", "元", D("8420")),
        ("8,420.50元", "元", D("8420.5")),
        ("0.842万元", "元", D("8420")),
        ("99万元", "元", D("990000")),  # mixed: 万元 for a 元 target
        ("1.2亿元", "元", D("120000000")),
        ("3千元", "元", D("3000")),
        ("120", "万元", D("120")),  # a bare number is in the target's own unit
        ("120万元", "万元", D("120")),
        ("2.4万", "万元", D("2.4")),  # 2.4万 (元) is 2.4 万元
        ("24000元", "万元", D("2.4")),
        ("1.5亿元", "万元", D("15000")),
        ("2.4万", "人", D("24000")),
        ("2.4万人", "人", D("24000")),
        ("2.4 万 人", "人", D("24000")),
        ("24,000人", "人", D("24000")),
        ("24000", "人", D("24000")),
        ("1,234", "个", D("1234")),
        ("12,345,678", "户", D("12345678")),
        ("3万户", "户", D("30000")),
        ("150万人次", "人次", D("1500000")),
        ("1百万", "人", D("1000000")),
        ("1千万", "人", D("10000000")),
        ("5千米", "千米", D("5")),  # 千米 is a unit, not 千 × 米
        ("99%", "%", D("99")),
        ("99.3%", "%", D("99.3")),
        ("99", "%", D("99")),
        ("5‰", "%", D("0.5")),
        ("0.5%", "‰", D("5")),
        # full-width digits and punctuation, as a Chinese input method types them
        ("８７００", "元", D("8700")),
        ("８，７００元", "元", D("8700")),
        ("９９．３％", "%", D("99.3")),
        ("２．４万", "人", D("24000")),
        ("\u30002.4万\u3000", "人", D("24000")),  # ideographic spaces around
        # signs and zeros
        ("-0", "人", D("0")),
        ("+5", "人", D("5")),
        ("-3", "%", D("-3")),
        ("\u22123", "%", D("-3")),  # the minus sign
        ("0", None, D("0")),
        (".5", "人", D("0.5")),
        ("0.0001", "人", D("0.0001")),
        ("9999999999999999", "人", D("9999999999999999")),  # the column's 16 integer digits
        # a target without a unit: the number, with its magnitude
        ("2.4万", None, D("24000")),
        ("2万元", None, D("20000")),
        ("8420元", None, D("8420")),
        ("3%", None, D("3")),
    ],
)
def test_read(typed: str, unit: str | None, value: D) -> None:
    read = read_quantity(typed, unit)
    assert read.value == value
    assert str(read.value) == str(value)  # plain: 24000, not 2.4E+4 nor 24000.0; never -0
    assert read.typed == typed.strip()  # kept as typed, full-width digits included


@pytest.mark.parametrize(
    ("typed", "unit", "said"),
    [
        # not numbers at all
        ("NaN", "人", "“NaN”不是数值"),
        ("nan", "%", "不是数值"),
        ("Infinity", "人", "不是数值"),
        ("-Infinity", "人", "不是数值"),
        ("inf", "元", "不是数值"),
        ("1e999999", "人", "“1e999999”不是数值"),  # exponents are refused, never evaluated
        ("1E+5", "人", "不是数值"),
        ("0x10", "人", "不是数值"),
        (".", "人", "“.”不是数值"),
        ("万", "人", "“万”不是数值"),
        ("%", "%", "不是数值"),
        ("元", "元", "不是数值"),
        ("1.2.3", "人", "“1.2.3”不是数值"),
        ("5.", "人", "不是数值"),
        ("1,23", "人", "不是数值"),  # not a thousands separator
        ("1234,5", "人", "不是数值"),
        ("约两万", "人", "“约两万”不是数值"),
        ("两万", "人", "不是数值"),
        ("2万多", "人", "不是数值"),
        ("2.4万人以上", "人", "不是数值"),
        ("--5", "人", "不是数值"),
        ("٣", "人", "不是数值"),  # an Arabic-Indic digit
        ("①", "人", "不是数值"),  # a circled one is not folded into 1
        ("2²", "人", "不是数值"),
        ("２\uff0e\uff0e４", "人", "不是数值"),
        ("2。4万", "人", "不是数值"),
        ("99万%", "%", "不是数值"),  # a magnitude on a rate
        ("2.4万", "%", "不是数值"),
        ("abc元", None, "不是数值"),
        ("5斤", None, "不是数值"),
        ("", "人", "没有填写数值"),
        ("   ", "人", "没有填写数值"),
        # hostile text
        ("\x00", "人", "含有无法识别的字符"),
        ("24\x0000", "人", "含有无法识别的字符"),
        ("2.4万\u202e", "人", "含有无法识别的字符"),  # a right-to-left override
        ("9" * 65, "人", "填写的内容过长（65个字符）"),
        # the wrong unit
        ("99%", "人", "“99%”的单位与指标不符（此项以“人”计）"),
        ("99%", "元", "单位与指标不符"),  # % for a non-rate target
        ("8420元", "人", "单位与指标不符"),
        ("2.4万人次", "人", "单位与指标不符"),
        # what the column cannot hold
        ("0.00001", "人", "“0.00001”的小数位数过多：最多保留4位小数"),
        ("1.5元", "万元", "（按“万元”计为 0.00015）"),
        ("10000000000000000", "人", "超出可填写的范围"),
        ("1亿亿", "人", "不是数值"),
        ("9999999999万亿", "人", "超出可填写的范围"),
        ("-10000000000000000", "%", "超出可填写的范围"),
    ],
)
def test_refused(typed: str, unit: str | None, said: str) -> None:
    with pytest.raises(NotAQuantity) as refused:
        read_quantity(typed, unit)
    assert said in refused.value.message
    assert "\x00" not in refused.value.message and "\u202e" not in refused.value.message


def test_refusal_names_what_is_expected() -> None:
    with pytest.raises(NotAQuantity) as refused:
        read_quantity("约两万", "人", D("24000"))
    assert refused.value.message == (
        "“约两万”不是数值：请填写数字，可带单位“人”或“万人”，如 24000 或 2.4万"
    )
    with pytest.raises(NotAQuantity) as refused:
        read_quantity("很多", "元", D("8700"))
    assert "可带单位“元”“万元”或“亿元”，如 8700 或 8700元" in refused.value.message
    with pytest.raises(NotAQuantity) as refused:
        read_quantity("全部", "%", D("99"))
    assert "如 99 或 99%" in refused.value.message


@pytest.mark.parametrize(
    ("unit", "example", "hint"),
    [
        ("人", D("24000"), "请填写数字，可带单位“人”或“万人”，如 24000 或 2.4万"),
        ("人", D("1"), "请填写数字，可带单位“人”或“万人”，如 1 或 1人"),
        ("户", None, "请填写数字，可带单位“户”或“万户”，如 24000 或 2.4万"),
        ("%", D("99"), "请填写数字，可带“%”或“‰”，如 99 或 99%"),
        ("万元", D("500"), "请填写以“万元”计的数字，可带单位“元”“万元”或“亿元”，如 500 或 500万元"),
        (None, None, "请填写数字，可带“万”，如 24000 或 2.4万"),
        ("人", D("NaN"), "请填写数字，可带单位“人”或“万人”，如 24000 或 2.4万"),  # never fails
    ],
)
def test_expected(unit: str | None, example: D | None, hint: str) -> None:
    assert expected(unit, example) == hint


def test_long_and_huge_inputs_are_cheap() -> None:
    """Refusals never build a huge number: a million digits or a huge exponent are refused on
    their length or their form, before any arithmetic."""
    for typed in ("9" * 1_000_000, "1e" + "9" * 60, "1" + ",000" * 15 + "万亿"):
        with pytest.raises(NotAQuantity):
            read_quantity(typed, "人")
