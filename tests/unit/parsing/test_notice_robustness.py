"""Variants of the notice the parser must accept: punctuation, keys, line breaks, BOM, spaces."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tongnan.domain.parsing import ParsedPlan, ParsedTask, parse_notice

NOTICE = Path(__file__).resolve().parents[3] / "data" / "plans" / "tongnan-2025-work-points.txt"
TEXT = NOTICE.read_text(encoding="utf-8")

# The real notice writes half-width ( ) : ; , -- these turn them into their full-width twins.
FULL_WIDTH = str.maketrans("():;,", "\uff08\uff09\uff1a\uff1b\uff0c")
LP, RP, COLON, SEMI = "\uff08", "\uff09", "\uff1a", "\uff1b"

HEADER = """测试发〔2025〕3号
测试区工作专班办公室
关于印发《测试区2025年工作要点》的通知
各镇街、区级有关部门:
现将《测试区2025年工作要点》印发给你们,请认真贯彻执行。
测试区工作专班办公室
2025年5月6日
测试区2025年工作要点
为做好工作,制定如下要点。
一、稳定就业
"""


def units(plan: ParsedPlan) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(t.label, t.lead_units, t.responsible_units) for t in plan.tasks]


def same_tasks(got: tuple[ParsedTask, ...], want: tuple[ParsedTask, ...]) -> None:
    def key(t: ParsedTask) -> tuple[object, ...]:
        return (t.number, t.label, t.title, t.body, t.lead_units, t.responsible_units, t.targets)

    assert [key(t) for t in got] == [key(t) for t in want]


@pytest.fixture(scope="module")
def original() -> ParsedPlan:
    return parse_notice(TEXT)


def test_full_width_brackets_colons_and_commas(original: ParsedPlan) -> None:
    plan = parse_notice(TEXT.translate(FULL_WIDTH))
    assert units(plan) == units(original)
    assert [t.title for t in plan.tasks] == [t.title for t in original.tasks]
    assert plan.code == original.code
    assert plan.addressees == original.addressees
    assert plan.parent_code == original.parent_code
    assert plan.tasks[2].targets[0].metric == f"执业{LP}助理{RP}医师资格人数占比"
    assert plan.parent_title == original.parent_title


def test_mixed_widths_within_one_annotation(original: ParsedPlan) -> None:
    text = TEXT.replace("(牵头单位:", f"{LP}牵头单位:").replace(
        ";责任单位:", f"{SEMI}责任单位{COLON}"
    )
    same_tasks(parse_notice(text).tasks, original.tasks)


@pytest.mark.parametrize(
    ("opening", "closing"), [("\u3010", "\u3011"), ("[", "]"), ("\uff3b", "\uff3d"), (LP, RP)]
)
def test_other_annotation_brackets(original: ParsedPlan, opening: str, closing: str) -> None:
    text = re.sub(r"\((牵头单位:[^()]*)\)$", rf"{opening}\1{closing}", TEXT, flags=re.M)
    assert text.count(opening + "牵头单位") == 22
    plan = parse_notice(text)
    same_tasks(plan.tasks, original.tasks)


@pytest.mark.parametrize("lead_key", ["牵头单位", "牵头部门", "牵头责任单位"])
@pytest.mark.parametrize("responsible_key", ["责任单位", "责任部门", "配合单位", "协同责任单位"])
def test_annotation_keys(original: ParsedPlan, lead_key: str, responsible_key: str) -> None:
    text = TEXT.replace("牵头单位:", f"{lead_key}:").replace(";责任单位:", f";{responsible_key}:")
    same_tasks(parse_notice(text).tasks, original.tasks)


@pytest.mark.parametrize("separator", [";", SEMI, ",", "\uff0c", " ", ";\u3000"])
def test_separators_between_lead_and_responsible(original: ParsedPlan, separator: str) -> None:
    text = TEXT.replace(";责任单位", f"{separator}责任单位")
    same_tasks(parse_notice(text).tasks, original.tasks)


def test_line_breaks_inside_a_task(original: ParsedPlan) -> None:
    text = (
        TEXT.replace("脱贫家庭至少1人就业,", "脱贫家庭至少1人\n就业,\n")
        .replace("确保执业(助理)医师", "确保执业(助理)\n医师")
        .replace(
            "巩固提升“两不愁三保障”及饮水安全保障水平。",
            "巩固提升“两不愁三保障”\n及饮水安全保障水平。",
        )
        .replace(
            "各消费帮扶责任单位)", "\n各消费帮扶责任单位)"
        )  # the annotation itself broken across lines
        .replace("(牵头单位:区工商联", "\n(牵头单位:区工商联")  # annotation on its own line
    )
    plan = parse_notice(text)
    same_tasks(plan.tasks, original.tasks)
    assert plan.tasks[3].line == original.tasks[3].line + 2
    assert plan.tasks[7].line == original.tasks[7].line + 4


def test_blank_lines_are_ignored(original: ParsedPlan) -> None:
    plan = parse_notice(TEXT.replace("\n", "\n\n"))
    same_tasks(plan.tasks, original.tasks)
    assert plan.tasks[0].line == 31


def test_crlf_and_bom(original: ParsedPlan) -> None:
    plan = parse_notice("\ufeff" + TEXT.replace("\n", "\r\n"))
    same_tasks(plan.tasks, original.tasks)
    assert plan.code == original.code
    assert plan.full_text == TEXT
    assert [t.line for t in plan.tasks] == [t.line for t in original.tasks]


def test_surrounding_ascii_and_full_width_spaces(original: ParsedPlan) -> None:
    text = "\n".join(f"\u3000\u3000{line} \t" for line in TEXT.split("\n"))
    text = text.replace(")用好", ")\u3000用好").replace("牵头单位:", " 牵头单位 : ")
    plan = parse_notice(text)
    same_tasks(plan.tasks, original.tasks)
    assert plan.issuer == original.issuer
    assert plan.plan_title == original.plan_title


def test_full_and_half_width_task_labels_give_the_same_half_width_label(
    original: ParsedPlan,
) -> None:
    text = re.sub(r"^\(([一二三四五六七八九十]+)\)", rf"{LP}\1{RP}", TEXT, flags=re.M)
    assert f"{LP}二十二{RP}" in text
    plan = parse_notice(text)
    same_tasks(plan.tasks, original.tasks)
    assert plan.tasks[21].label == original.tasks[21].label == "(二十二)"


def test_without_the_file_heading_line(original: ParsedPlan) -> None:
    plan = parse_notice(TEXT.split("\n", 1)[1])
    assert plan.code == original.code
    assert plan.title == original.title
    same_tasks(plan.tasks, original.tasks)


def test_lead_only_task_and_nested_brackets_in_unit_names() -> None:
    plan = parse_notice(
        HEADER
        + f"{LP}一{RP}稳定务工规模。加强就业帮扶。\u3010牵头单位{COLON}区人力社保局\u3011\n"
        + "(二)做好培训。开展技能培训。(牵头单位:区农业农村委;责任单位:各镇(街道)、区教委)。\n"
        + f"(三)做好服务。(牵头部门:区民政局;配合单位:各镇{LP}街道{RP})\n"
    )
    first, second, third = plan.tasks
    assert (first.lead_units, first.responsible_units) == (("区人力社保局",), ())
    assert first.label == "(一)"
    assert second.responsible_units == ("各镇(街道)", "区教委")
    assert third.responsible_units == (f"各镇{LP}街道{RP}",)
    assert second.body == "做好培训。开展技能培训。"
    assert plan.printed_by is None
    assert plan.printed_on is None


def test_small_notice_header() -> None:
    plan = parse_notice(HEADER + "(一)稳定务工规模。(牵头单位:区人力社保局)\n")
    assert plan.code == "测试发〔2025〕3号"
    assert plan.issuer == "测试区工作专班办公室"
    assert plan.title == "关于印发《测试区2025年工作要点》的通知"
    assert plan.addressees == ("各镇街", "区级有关部门")
    assert plan.issued_on == dt.date(2025, 5, 6)
    assert plan.plan_title == "测试区2025年工作要点"
    assert plan.preamble == "为做好工作,制定如下要点。"
    assert plan.parent_code is None
    assert plan.tasks[0].title == "稳定务工规模"


def test_chinese_numeral_dates() -> None:
    text = HEADER.replace("2025年5月6日", "二〇二五年五月六日")
    text += "(一)稳定务工规模。(牵头单位:区人力社保局)\n测试区办公室 二〇二五年五月七日印发\n"
    plan = parse_notice(text)
    assert (plan.issued_on, plan.printed_on) == (dt.date(2025, 5, 6), dt.date(2025, 5, 7))
    assert plan.printed_by == "测试区办公室"


def test_a_task_without_a_full_stop_is_all_title() -> None:
    plan = parse_notice(HEADER + "(一)稳定务工规模(牵头单位:区人力社保局;责任单位:各镇街)\n")
    assert plan.tasks[0].title == plan.tasks[0].body == "稳定务工规模"
