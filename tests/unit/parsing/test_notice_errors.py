"""Notices the parser must refuse, reporting every problem with the line it is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tongnan.domain.parsing import PlanParseError, Problem, parse_notice

NOTICE = Path(__file__).resolve().parents[3] / "data" / "plans" / "tongnan-2025-work-points.txt"
TEXT = NOTICE.read_text(encoding="utf-8")
LP, RP = "\uff08", "\uff09"

# Lines 1-10; the first section heading is line 10, tasks start on line 11.
HEADER = """测试发〔2025〕3号
测试区工作专班办公室
关于印发《测试区2025年工作要点》的通知
各镇街:
现将《测试区2025年工作要点》印发给你们,请认真贯彻执行。
测试区工作专班办公室
2025年5月6日
测试区2025年工作要点
为做好工作,制定如下要点。
一、稳定就业
"""
GOOD = "(牵头单位:区人力社保局;责任单位:各镇街)"


def problems(text: str) -> list[Problem]:
    with pytest.raises(PlanParseError) as caught:
        parse_notice(text)
    assert str(caught.value) == "；".join(str(p) for p in caught.value.problems)
    return caught.value.problems


def test_the_small_notice_itself_is_fine() -> None:
    plan = parse_notice(HEADER + f"(一)稳定务工规模。{GOOD}\n")
    assert plan.tasks[0].line == 11
    assert plan.sections[0].line == 10


def test_no_tasks_at_all() -> None:
    found = problems(HEADER)
    assert [p.line for p in found] == [10, 10]
    assert "第一部分下面没有任务" in found[0].message
    assert "通知里一项任务也没有" in found[1].message


def test_empty_text_is_refused_for_having_no_task() -> None:
    found = problems("")
    assert len(found) == 1
    assert "一项任务也没有" in found[0].message


def test_a_task_without_units_names_its_line() -> None:
    text = HEADER + f"(一)稳定务工规模。{GOOD}\n(二)提升就业质量。(责任领导:张明)\n"
    assert problems(text) == [Problem(12, "任务(二)没有写牵头单位或责任单位")]


def test_a_task_with_only_responsible_units_has_no_separate_lead() -> None:
    plan = parse_notice(HEADER + "(一)提升就业质量。(责任单位:各镇街)\n")
    assert (plan.tasks[0].lead_units, plan.tasks[0].responsible_units) == ((), ("各镇街",))


def test_an_empty_lead_is_no_lead() -> None:
    found = problems(HEADER + "(一)稳定务工规模。(牵头单位:;责任单位:各镇街)\n")
    assert [(p.line, "没有写牵头单位" in p.message) for p in found] == [(11, True)]


def test_a_task_without_an_annotation_swallows_what_follows_and_is_reported() -> None:
    text = HEADER + "(一)稳定务工规模。加强帮扶。\n继续加强帮扶。\n" + f"(二)提升就业质量。{GOOD}\n"
    found = problems(text)
    assert [p.line for p in found] == [11]
    assert found[0].message.startswith("任务(一)末尾缺少(牵头单位:…;责任单位:…)的括注")


def test_garbage_between_sections_is_reported_with_its_line() -> None:
    text = (
        HEADER
        + f"(一)稳定务工规模。{GOOD}\n"
        + "这一行不属于任何任务。\n"
        + f"二、提升质量\n(二)提升就业质量。{GOOD}\n"
    )
    found = problems(text)
    assert [p.line for p in found] == [12]
    assert "这一行不属于任何任务" in found[0].message
    assert "任务(一)" in found[0].message


def test_text_under_a_heading_before_its_first_task_is_left_out_with_a_note() -> None:
    plan = parse_notice(HEADER + f"本部分说明。\n(一)稳定务工规模。{GOOD}\n")
    assert [(n.line, "说明文字" in n.message) for n in plan.notes if n.line] == [(11, True)]
    assert (
        plan.notes[0].message == "带牵头或责任单位的“(一)”这一级读作任务，“一、”读作所属部分和标题"
    )
    assert plan.tasks[0].body == "稳定务工规模。"


def test_text_after_the_last_task_that_is_not_the_printing_line() -> None:
    lines = TEXT.split("\n")
    text = "\n".join([*lines[:43], "附件:无", lines[43], "抄送:区委办"])
    found = problems(text)
    assert [p.line for p in found] == [44, 46]
    assert "附件:无" in found[0].message
    assert "“印发”那一行后面不应再有文字" in found[1].message


def test_task_numbering_gap_and_duplicate() -> None:
    text = HEADER + "".join(
        f"({n})任务。{GOOD}\n" for n in ["一", "二", "四", "四", "五"]
    )  # lines 11..15
    found = problems(text)
    assert [p.line for p in found] == [13, 14]
    assert "跳了号：这里应是三" in found[0].message
    assert "重号或倒序：四后面应是五" in found[1].message


def test_section_numbering_and_a_task_outside_any_section() -> None:
    text = (
        HEADER.replace("一、稳定就业\n", "")  # ten lines become nine
        + f"(一)任务。{GOOD}\n一、甲\n(二)任务。{GOOD}\n三、丙\n(三)任务。{GOOD}\n"
    )
    found = problems(text)
    assert [p.line for p in found] == [10, 13]
    assert "任务(一)不在任何部分之下" in found[0].message
    assert "第三部分跳了号：这里应是二" in found[1].message


def test_missing_document_number_and_date_are_warnings() -> None:
    text = HEADER.replace("测试发〔2025〕3号\n", "").replace("2025年5月6日\n", "")
    plan = parse_notice(text + f"(一)任务。{GOOD}\n")
    messages = [w.message for w in plan.warnings]
    assert plan.code is None
    assert plan.issued_on is None
    assert any(m.startswith("没有找到发文字号") for m in messages)
    assert any(m.startswith("没有找到成文日期") for m in messages)
    coded = parse_notice(text + f"(一)任务。{GOOD}\n", code="测试发〔2025〕9号")
    assert coded.code == "测试发〔2025〕9号"
    assert not any("发文字号" in w.message for w in coded.warnings)


def test_an_urgency_mark_before_the_document_number_is_noted() -> None:
    lines = TEXT.split("\n")
    lines.insert(1, "特急")
    plan = parse_notice("\n".join(lines))
    assert plan.code == "潼巩固专办发〔2025〕1号"
    assert "紧急程度" in next(n.message for n in plan.notes if n.line == 2)


def test_impossible_date() -> None:
    found = problems(HEADER.replace("5月6日", "2月30日") + f"(一)任务。{GOOD}\n")
    assert [(p.line, "不是有效的日期" in p.message) for p in found] == [(7, True)]


def test_every_problem_is_reported_together_in_line_order() -> None:
    lines = TEXT.split("\n")
    lines[19] = lines[19].replace("(牵头单位:区农业农村委;责任单位:", "(牵头单位:;责任单位:")
    lines[24] = "(九)" + lines[24][4:]  # line 25: (八) becomes a duplicate (九)
    lines[31] = lines[31].split("(牵头单位")[0]  # line 32, task (十三): no annotation
    lines.insert(38, "这是无关的一句话。")  # line 39: garbage after task (十七)
    found = problems("\n".join(lines))
    assert [p.line for p in found] == [20, 25, 26, 32, 39]
    assert "任务(四)没有写牵头单位" in found[0].message
    assert "跳了号：这里应是八" in found[1].message
    assert "重号或倒序：九后面应是十" in found[2].message
    assert "任务(十三)末尾缺少" in found[3].message
    assert "这是无关的一句话" in found[4].message
