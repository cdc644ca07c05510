"""The calendar feed's text: RFC 5545 lines (CRLF, folded at 75 octets, UTF-8 kept whole),
escaped text and all-day DATE values."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.notifications.ics import DueDate, calendar, escape, fold

STAMP = dt.datetime(2025, 6, 1, 1, 2, 3, tzinfo=dt.UTC)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_a_feed_has_all_day_events_with_crlf_lines() -> None:
    text = calendar(
        "双江镇的待办时限",
        [DueDate("report-1@tongnan", dt.date(2025, 6, 25), "报送进展:(一)稳岗就业", "6月调度")],
        STAMP,
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert "DTSTART;VALUE=DATE:20250625" in lines
    assert "DTEND;VALUE=DATE:20250626" in lines
    assert "DTSTAMP:20250601T010203Z" in lines
    assert "SUMMARY:报送进展:(一)稳岗就业" in lines
    assert "X-WR-CALNAME:双江镇的待办时限" in lines


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "整改时限危房改造" * 20
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line
    folded.encode("utf-8").decode("utf-8")  # every part is whole UTF-8


def test_text_is_escaped() -> None:
    assert escape("甲,乙;丙\\丁\n戊") == "甲\\,乙\\;丙\\\\丁\\n戊"
