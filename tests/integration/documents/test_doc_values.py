"""Pure parts: text conventions and the plan notice's values, without rendering."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.documents.formatting import (
    TYPE_AREA_WIDTH_PT,
    allow_quote_breaks,
    annotation,
    cn_date,
    full_width,
    mark_layout,
    split_lead_sentence,
)
from tongnan.domain.documents.plan_notice import build_plan_notice
from tongnan.domain.documents.plan_source import PlanSource


def test_dates_are_written_in_arabic_numerals() -> None:
    assert cn_date(dt.date(2025, 4, 27)) == "2025年4月27日"
    assert cn_date(dt.date(2025, 12, 1)) == "2025年12月1日"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各镇街,区委:", "各镇街，区委："),
        ("执业(助理)医师;好!吗?", "执业（助理）医师；好！吗？"),
        ("规模稳定在2.4万人以上,达99%", "规模稳定在2.4万人以上，达99%"),
        ("24,000人 12:30", "24,000人 12:30"),
        ("“渝悦·防贫”", "“渝悦·防贫”"),
    ],
)
def test_full_width_punctuation(text: str, expected: str) -> None:
    assert full_width(text) == expected


def test_annotations_name_leads_then_responsible_units() -> None:
    assert annotation(["区农业农村委"], ["专班成员单位", "各镇街"]) == (
        "（牵头单位：区农业农村委；责任单位：专班成员单位、各镇街）"
    )
    assert annotation(["区商务委"], []) == "（牵头单位：区商务委）"
    assert annotation([], []) == ""


def test_the_title_sentence_is_split_from_the_body() -> None:
    assert split_lead_sentence("甲", "甲。乙丙。") == ("甲。", "乙丙。")
    assert split_lead_sentence("甲", "另写的正文。") == ("甲。", "另写的正文。")


def test_quotes_get_break_opportunities() -> None:
    assert allow_quote_breaks("为“三农”工作") == "为\u200b“三农”\u200b工作"


def test_the_issuer_mark_fits_the_type_area() -> None:
    size, lines = mark_layout("潼南区人民政府文件")
    assert lines == ["潼南区人民政府文件"] and size == 36.0
    long = "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
    size, lines = mark_layout(long)
    assert "".join(lines) == long and len(lines) == 2
    assert max(len(line) for line in lines) * size <= TYPE_AREA_WIDTH_PT
    assert size >= 16


def test_plan_notice_values(seed_source: PlanSource) -> None:
    doc = build_plan_notice(seed_source)
    assert doc.header.number == "潼巩固专办发〔2025〕1号"
    assert doc.letter.title == "关于印发《重庆市潼南区2025年巩固拓展脱贫攻坚成果工作要点》的通知"
    assert doc.letter.addressees == (
        "各镇街、区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班成员单位："
    )
    assert doc.letter.date == "2025年4月27日"
    assert doc.letter.signature == seed_source.issuer
    assert [s.heading[:2] for s in doc.sections] == [f"{n}、" for n in "一二三四五六七"]
    first = doc.sections[0].tasks[0]
    assert first.lead == "（一）用好“渝悦·防贫”应用。"
    assert first.rest.startswith("完善“农户、工作、区域”三张画像，")
    assert (
        first.annotation
        == "（牵头单位：区农业农村委；责任单位：区巩固拓展脱贫攻坚成果专班成员单位、各镇街）"
    )
    assert sum(len(s.tasks) for s in doc.sections) == 22
    assert doc.imprint is not None
    assert doc.imprint.printed_on == "2025年4月27日印发"
    assert doc.imprint.printed_by == "中共重庆市潼南区委巩固拓展脱贫攻坚成果工作专班办公室"
