"""SVG pictures are well-formed XML with every name escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tongnan.domain.common.values import UnitKind
from tongnan.responsibility_matrix import ResponsibilityGraph

from .builders import PlanBuilder
from .real_plan import ALL_TOWNS, OFFICE, RECTIFICATION, TASK_FORCE
from .sample_plans import nested

SVG = "{http://www.w3.org/2000/svg}"


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_chain_svg_of_task_7(real_graph: ResponsibilityGraph) -> None:
    root = ET.fromstring(real_graph.chain_svg(7))
    assert root.tag == f"{SVG}svg"
    words = texts(root)
    for name in (OFFICE, "(七)稳定务工规模", "区人力社保局", ALL_TOWNS, "双江镇", "寿桥镇"):
        assert name in words
    assert "区商务委" not in words
    # office, task, 3 leads, the group and its 22 members
    assert len(root.findall(f".//{SVG}rect")) == 1 + 1 + 1 + 3 + 1 + 22
    assert float(root.get("width", "0")) <= 1400 + 32


def test_chain_svg_marks_groups_of_unknown_members(real_graph: ResponsibilityGraph) -> None:
    words = texts(ET.fromstring(real_graph.chain_svg(3)))
    assert TASK_FORCE in words and "成员未定" in words
    words = texts(ET.fromstring(real_graph.chain_svg(20)))
    assert RECTIFICATION in words


def test_matrix_svg(real_graph: ResponsibilityGraph) -> None:
    root = ET.fromstring(real_graph.matrix_svg())
    words = texts(root)
    assert "序号" in words and "图例" in words and "牵头任务数" in words
    assert "双江镇" in words and "(二十二)强化宣传引导" in words
    assert words.count("R*") >= 22 * 16


def test_names_are_escaped() -> None:
    b = PlanBuilder()
    b.office('办<公>室 & "专班"')
    b.unit("A&B <局>")
    b.unit("'镇'", UnitKind.TOWN)
    b.group("组]]>")
    b.member("组]]>", "'镇'")
    b.task(1, "<任务> & 1", ["A&B <局>"], ["组]]>"])
    rg = ResponsibilityGraph(b.snapshot())
    for picture in (rg.chain_svg(1), rg.matrix_svg()):
        words = texts(ET.fromstring(picture))
        assert "A&B <局>" in words
        assert "'镇'" in words
    assert '办<公>室 & "专班"' in texts(ET.fromstring(rg.chain_svg(1)))


def test_chain_svg_hangs_responsible_units_under_the_task_without_lead() -> None:
    root = ET.fromstring(nested().chain_svg(3))
    assert len(root.findall(f".//{SVG}line")) == 2  # office -> task -> 甲镇
    assert "甲镇" in texts(root)
