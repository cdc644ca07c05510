"""Ledger cells: formula escaping, dates, persons, sources and statuses as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.common.spreadsheet_text import escape_formula, unescape_formula
from tongnan.domain.models.supervision import FindingSource, RectificationStatus
from tongnan.domain.rules.sheet_values import (
    format_persons,
    parse_date,
    parse_persons,
    parse_source,
    parse_status,
    read_status,
    source_cell,
)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("整改=完成", "整改=完成"),
        ("", ""),
    ],
)
def test_formulas_are_escaped_and_read_back(text: str, escaped: str) -> None:
    assert escape_formula(text) == escaped
    assert unescape_formula(escaped) == text
    assert unescape_formula("'plain") == "'plain"  # only our own escapes are undone


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2025, 6, 30),
        dt.datetime(2025, 6, 30, 0, 0),
        "2025-06-30",
        "2025/6/30",
        "2025.06.30",
        "2025年6月30日",
        " 2025 年 6 月 30 日 ",
    ],
)
def test_dates(value: object) -> None:
    assert parse_date(value) == dt.date(2025, 6, 30)


@pytest.mark.parametrize("value", ["下月底", "2025-02-30", "", None, 45000, "30/06/2025"])
def test_unreadable_dates(value: object) -> None:
    with pytest.raises(ValueError, match="无法识别"):
        parse_date(value)


def test_persons() -> None:
    text = "张三(镇长)、李四(副镇长),王五;赵六()"
    assert parse_persons(text) == [
        {"name": "张三", "post": "镇长"},
        {"name": "李四", "post": "副镇长"},
        {"name": "王五", "post": ""},
        {"name": "赵六", "post": ""},
    ]
    assert format_persons(parse_persons(text)) == "张三(镇长)、李四(副镇长)、王五、赵六"
    assert parse_persons("  ") == []
    with pytest.raises(ValueError, match="姓名（职务）"):
        parse_persons("(镇长)")


def test_sources_and_statuses() -> None:
    assert parse_source("中市考核评估") == (FindingSource.ASSESSMENT, None)
    assert parse_source("“大走访大排查大整改”") == (FindingSource.VISITS, None)
    assert parse_source("大走访大排查大整改") == (FindingSource.VISITS, None)
    assert parse_source("INSPECTION") == (FindingSource.INSPECTION, None)
    assert parse_source("其他:区审计局审计") == (FindingSource.OTHER, "区审计局审计")
    assert parse_source("其他： 区审计局审计") == (FindingSource.OTHER, "区审计局审计")
    assert parse_source("其他") == (FindingSource.OTHER, None)
    with pytest.raises(ValueError, match="未填写"):
        parse_source(" ")
    assert parse_status("") is RectificationStatus.OPEN
    assert parse_status("已销号") is RectificationStatus.VERIFIED
    assert parse_status("IN_PROGRESS") is RectificationStatus.IN_PROGRESS
    with pytest.raises(ValueError, match="无法识别"):
        parse_status("差不多了")


def test_an_unknown_source_is_refused_unless_written_as_other() -> None:
    with pytest.raises(ValueError, match="其他：区审计局审计"):
        parse_source("区审计局审计")
    with pytest.raises(ValueError, match="不是已知来源"):
        parse_source("其他：")


def test_every_source_cell_reads_back() -> None:
    for source in FindingSource:
        detail = "区审计局审计" if source is FindingSource.OTHER else None
        assert parse_source(source_cell(source, detail)) == (source, detail)


def test_common_status_words_are_understood_and_said_so() -> None:
    assert read_status("进行中") == (RectificationStatus.IN_PROGRESS, "“进行中”按“整改中”理解")
    assert read_status("已完成整改") == (
        RectificationStatus.COMPLETED,
        "“已完成整改”按“已完成”理解",
    )
    assert read_status("整改中") == (RectificationStatus.IN_PROGRESS, None)
