"""Small hand-built plans shared by several test modules."""

from __future__ import annotations

from tongnan.domain.common.values import UnitKind
from tongnan.responsibility_matrix import ResponsibilityGraph

from .builders import PlanBuilder


def nested() -> ResponsibilityGraph:
    """消费帮扶 ⊃ {各镇街 ⊃ {甲镇, 乙镇}, 商务局}; 两个集体 share 丙局."""
    b = PlanBuilder()
    b.office("办公室")
    for name in ("农业局", "人社局", "商务局", "丙局", "丁局"):
        b.unit(name)
    for name in ("甲镇", "乙镇"):
        b.unit(name, UnitKind.TOWN)
    b.group("各镇街")
    b.group("各消费帮扶责任单位")
    b.group("集体一")
    b.group("集体二")
    b.member("各镇街", "甲镇", "乙镇")
    b.member("各消费帮扶责任单位", "各镇街", "商务局")
    b.member("集体一", "丙局", "丁局")
    b.member("集体二", "丙局")
    b.task(1, "消费帮扶", ["商务局"], ["各消费帮扶责任单位"])
    b.task(2, "两个集体", ["农业局", "人社局"], ["集体一", "集体二"])
    b.task(3, "无牵头", [], ["甲镇"])
    b.task(4, "牵头又责任", ["农业局"], ["集体一", "农业局"])
    return ResponsibilityGraph(b.snapshot())


def cyclic() -> ResponsibilityGraph:
    b = PlanBuilder()
    b.office("办公室")
    b.unit("牵头局")
    b.unit("甲局")
    b.group("集体一")
    b.group("集体二")
    b.group("自含集体")
    b.member("集体一", "集体二")
    b.member("集体二", "集体一", "甲局")
    b.member("自含集体", "自含集体")
    b.task(1, "循环", ["牵头局"], ["集体一"])
    b.task(2, "自含", ["自含集体"], ["甲局"])
    return ResponsibilityGraph(b.snapshot())
