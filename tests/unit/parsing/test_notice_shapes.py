"""Shapes of notices beyond the bundled one, one concern each (the whole files are in the
corpus, tests/fixtures/notices/)."""

from __future__ import annotations

import pytest

from tongnan.domain.parsing import PlanParseError, parse_notice

TASK = "(一)稳定务工规模。(牵头单位:区人力社保局;责任单位:各镇街)"


@pytest.mark.parametrize(
    "heading",
    [
        "关于印发《测试区2025年工作要点》的通知测试发〔2025〕3号",
        "关于印发《测试区2025年工作要点》的通知（测试发〔2025〕3号）",
        "测试发〔2025〕3号关于印发《测试区2025年工作要点》的通知",
        "测试发〔2025〕3号——关于印发《测试区2025年工作要点》的通知",
    ],
)
def test_the_document_number_glued_to_the_title(heading: str) -> None:
    plan = parse_notice(f"{heading}\n测试区办公室\n2025年5月6日\n一、稳定就业\n{TASK}\n")
    assert plan.code == "测试发〔2025〕3号"
    assert plan.title == "关于印发《测试区2025年工作要点》的通知"
    assert plan.plan_title == "测试区2025年工作要点"
    assert plan.issued_on is not None and plan.issued_on.isoformat() == "2025-05-06"
    assert plan.issuer == "测试区办公室"


def test_a_wrapped_section_heading_is_joined_with_a_note() -> None:
    plan = parse_notice("一、健全常态化防止返贫致贫监测帮扶\n机制\n" + TASK + "\n")
    assert plan.sections[0].title == "健全常态化防止返贫致贫监测帮扶机制"
    assert any("标题被折成了两行" in n.message and n.line == 2 for n in plan.notes)


def test_a_wrapped_key_line_is_joined_to_the_line_before() -> None:
    plan = parse_notice(
        "一、稳定就业\n(一)稳定务工规模。\n牵头单位：区人力社保局\n"
        "责任单位：区发展改革委、区财政\n局\n(二)做好培训。(区农业农村委负责)\n"
    )
    first, second = plan.tasks
    assert first.responsible_units == ("区发展改革委", "区财政局")
    assert first.line_of("区财政局") == 4
    assert (second.lead_units, second.responsible_units) == ((), ("区农业农村委",))


def test_an_unnumbered_line_after_a_task_heads_the_tasks_that_follow() -> None:
    plan = parse_notice(
        "一、稳定就业\n就业帮扶\n" + TASK + "\n技能培训\n"
        "(二)做好培训。(牵头单位:区人力社保局)\n二、强化保障\n(三)加强督导。(责任单位:区农业农村委)\n"
    )
    assert [t.path for t in plan.tasks] == [
        ("稳定就业", "就业帮扶"),
        ("稳定就业", "技能培训"),
        ("强化保障",),
    ]
    assert [s.title for s in plan.sections] == ["稳定就业", "强化保障"]


def test_numbering_may_restart_under_each_heading_but_not_wrongly() -> None:
    good = (
        "一、甲\n1.任务甲。(区民政局负责)\n2.任务乙。(区民政局负责)\n"
        "二、乙\n1.任务丙。(区民政局负责)\n"
    )
    assert [t.label for t in parse_notice(good).tasks] == ["1.", "2.", "1."]
    assert [t.number for t in parse_notice(good).tasks] == [1, 2, 3]
    bad = good.replace("二、乙\n1.", "二、乙\n2.")
    with pytest.raises(PlanParseError) as caught:
        parse_notice(bad)
    assert [(p.line, "重号或倒序" in p.message) for p in caught.value.problems] == [(5, True)]


def test_a_numbered_line_under_no_task_level_item_is_left_out_with_a_note() -> None:
    plan = parse_notice(
        "一、甲\n(一)任务。(区民政局负责)\n二、总体要求\n(二)指导思想。坚持稳中求进。\n"
    )
    assert len(plan.tasks) == 1
    assert any("总体要求" in n.message and "略去" in n.message for n in plan.notes)


def test_a_table_without_a_unit_column_is_no_task_table() -> None:
    from tongnan.domain.parsing.lines import document_from_blocks
    from tongnan.domain.parsing.notice import parse_document

    document = document_from_blocks(["工作安排", ("序号", "内容"), ("1", "开会")], "docx")
    with pytest.raises(PlanParseError) as caught:
        parse_document(document)
    assert "一项任务也没有" in caught.value.problems[-1].message
