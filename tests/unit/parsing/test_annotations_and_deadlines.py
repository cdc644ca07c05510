"""The duty annotation in its written forms, and 完成时限 read as dates or rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.parsing.annotation import Annotation, key_line, split_annotation
from tongnan.domain.parsing.deadlines import parse_deadline
from tongnan.domain.parsing.model import DeadlineKind


@pytest.mark.parametrize(
    ("text", "lead", "responsible", "leaders", "deadline"),
    [
        (
            "做好。(区民政局牵头，区财政局、各镇街配合)",
            ("区民政局",),
            ("区财政局", "各镇街"),
            (),
            None,
        ),
        ("做好。（由区民政局牵头）", ("区民政局",), (), (), None),
        ("做好。（区民政局负责）", (), ("区民政局",), (), None),
        (
            "做好。【责任领导：张三、李四；牵头部门：区民政局】",
            ("区民政局",),
            (),
            ("张三", "李四"),
            None,
        ),
        (
            "做好。[完成时限:6月底前;协同责任单位:各镇街;牵头单位:区民政局]",
            ("区民政局",),
            ("各镇街",),
            (),
            "6月底前",
        ),
        (
            "做好。（区民政局牵头，各镇街配合；时间节点：每月）（牵头领导：王五）",
            ("区民政局",),
            ("各镇街",),
            ("王五",),
            "每月",
        ),
    ],
)
def test_annotation_forms(
    text: str,
    lead: tuple[str, ...],
    responsible: tuple[str, ...],
    leaders: tuple[str, ...],
    deadline: str | None,
) -> None:
    body, found = split_annotation(text)
    assert body == "做好。"
    assert found is not None
    assert (found.lead_units, found.responsible_units, found.leaders, found.deadline) == (
        lead,
        responsible,
        leaders,
        deadline,
    )


@pytest.mark.parametrize(
    "text",
    [
        "执行《管理办法（试行）》（2025年修订）",
        "做好排查（各镇街要明确专人负责）",
        "推进改造（按照规划由区住房城乡建委牵头）",
    ],
)
def test_an_ordinary_closing_bracket_is_no_annotation(text: str) -> None:
    assert split_annotation(text) == (text, None)


def test_an_open_ended_unit_list_is_kept_and_flagged() -> None:
    found = key_line("责任单位：区财政局、区教委等部门")
    assert found == Annotation((), ("区财政局", "区教委"), open_ended=True)
    assert key_line("按要求做好工作。") is None


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("6月底前", DeadlineKind.DATE, dt.date(2025, 6, 30)),
        ("年底前", DeadlineKind.DATE, dt.date(2025, 12, 31)),
        ("2026年9月", DeadlineKind.DATE, dt.date(2026, 9, 30)),
        ("2025年2月", DeadlineKind.DATE, dt.date(2025, 2, 28)),
        ("9月15日前", DeadlineKind.DATE, dt.date(2025, 9, 15)),
        ("10月中旬", DeadlineKind.DATE, dt.date(2025, 10, 20)),
        ("第三季度末", DeadlineKind.DATE, dt.date(2025, 9, 30)),
        ("上半年", DeadlineKind.DATE, dt.date(2025, 6, 30)),
        ("6月底前完成摸底，11月底前全面完成", DeadlineKind.DATE, dt.date(2025, 11, 30)),
        ("每季度", DeadlineKind.RECURRING, None),
        ("每月25日前", DeadlineKind.RECURRING, None),
        ("长期坚持", DeadlineKind.ONGOING, None),
        ("持续推进", DeadlineKind.ONGOING, None),
        ("按上级要求", DeadlineKind.TEXT, None),
    ],
)
def test_deadlines(text: str, kind: DeadlineKind, due: dt.date | None) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.kind, deadline.due, deadline.text) == (kind, due, text)


def test_an_impossible_deadline_is_an_error() -> None:
    with pytest.raises(ValueError, match="day is out of range"):
        parse_deadline("2月30日前", 2025)
