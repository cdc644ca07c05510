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
    with pytest.raises(ValueError, match="不是日期"):
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
    with pytest.raises(ValueError, match="责任人应写成"):
        parse_persons("(镇长)")


def test_sources_and_statuses() -> None:
    assert parse_source("中市考核评估") == (FindingSource.ASSESSMENT, None)
    assert parse_source("“大走访大排查大整改”") == (FindingSource.VISITS, None)
    assert parse_source("大走访大排查大整改") == (FindingSource.VISITS, None)
    assert parse_source("INSPECTION") == (FindingSource.INSPECTION, None)
    assert parse_source("区审计局审计") == (FindingSource.OTHER, "区审计局审计")
    with pytest.raises(ValueError, match="没有填写问题来源"):
        parse_source(" ")
    assert parse_status("") is RectificationStatus.OPEN
    assert parse_status("已销号") is RectificationStatus.VERIFIED
    assert parse_status("IN_PROGRESS") is RectificationStatus.IN_PROGRESS
    with pytest.raises(ValueError, match="不是整改状态"):
        parse_status("差不多了")
