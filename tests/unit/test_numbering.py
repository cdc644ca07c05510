"""发文字号: formatting and parsing 〔year〕N号, prefixes per kind, numbers already used."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongnan.domain.rules.numbering import (
    DEFAULT_PREFIX,
    BadDocumentNumber,
    DocumentNumber,
    draft_number,
    format_number,
    highest_used,
    parse_number,
    parse_prefixes,
    prefix_for,
    try_parse_number,
)


def test_the_format_gb_t_9704_asks_for() -> None:
    assert format_number("潼巩固专办发", 2025, 2) == "潼巩固专办发〔2025〕2号"
    assert format_number("渝府办发", 2024, 118) == "渝府办发〔2024〕118号"
    assert str(DocumentNumber("潼巩固专办发", 2025, 12)) == "潼巩固专办发〔2025〕12号"
    assert draft_number("潼巩固专办发", 2025) == "潼巩固专办发〔2025〕\u3000号"


@pytest.mark.parametrize(
    ("prefix", "year", "number"),
    [
        ("", 2025, 1),
        ("潼〔巩", 2025, 1),
        ("潼 巩", 2025, 1),
        ("潼巩2", 2025, 1),
        ("潼", 25, 1),
        ("潼", 2025, 0),
        ("潼", 2025, -3),
        ("潼" * 33, 2025, 1),
    ],
)
def test_what_cannot_be_formatted(prefix: str, year: int, number: int) -> None:
    with pytest.raises(BadDocumentNumber):
        format_number(prefix, year, number)


@pytest.mark.parametrize(
    "text",
    [
        "潼巩固专办发〔2025〕2号",
        "潼巩固专办发[2025]2号",
        "潼巩固专办发［2025］2号",
        "潼巩固专办发(2025)2号",
        "潼巩固专办发（2025）2号",
        " 潼巩固专办发 〔 2025 〕 2 号 ",
        "潼巩固专办发〔2025〕第2号",
    ],
)
def test_parsing_forgives_the_usual_slips(text: str) -> None:
    assert parse_number(text) == DocumentNumber("潼巩固专办发", 2025, 2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "潼巩固专办发",
        "〔2025〕2号",
        "潼巩固专办发〔25〕2号",
        "潼巩固专办发〔2025〕号",
        "潼巩固专办发〔2025〕0号",
        "潼巩固专办发〔2025〕2",
        "潼巩固专办发2025年2号",
    ],
)
def test_what_is_not_a_document_number(text: str) -> None:
    with pytest.raises(BadDocumentNumber):
        parse_number(text)
    assert try_parse_number(text) is None


@given(
    prefix=st.text(alphabet="潼巩固专办发渝府文字ABC", min_size=1, max_size=12),
    year=st.integers(1000, 9999),
    number=st.integers(1, 10**6),
)
def test_format_and_parse_are_inverse(prefix: str, year: int, number: int) -> None:
    assert parse_number(format_number(prefix, year, number)) == DocumentNumber(prefix, year, number)


def test_numbers_of_other_documents_are_skipped() -> None:
    codes = ["潼巩固专办发〔2025〕1号", "潼巩固专办发〔2024〕9号", "潼府发〔2025〕7号", "x"]
    assert highest_used(codes, "潼巩固专办发", 2025) == 1
    assert highest_used(codes, "潼巩固专办发", 2024) == 9
    assert highest_used(codes, "潼巩固专办发", 2026) == 0
    assert highest_used(codes, "潼府发", 2025) == 7


def test_prefixes_per_kind() -> None:
    configured = parse_prefixes("urge-notice=潼巩固专办督; rectification-ledger = 潼巩固专办台,")
    assert configured == {"urge-notice": "潼巩固专办督", "rectification-ledger": "潼巩固专办台"}
    assert prefix_for("urge-notice", configured) == "潼巩固专办督"
    assert prefix_for("progress-bulletin", configured) == DEFAULT_PREFIX == "潼巩固专办发"
    assert prefix_for("progress-bulletin") == DEFAULT_PREFIX
    assert parse_prefixes("") == {}
    for bad in ("urge-notice", "=潼", "urge-notice=", "urge-notice=潼〔"):
        with pytest.raises(BadDocumentNumber):
            parse_prefixes(bad)
