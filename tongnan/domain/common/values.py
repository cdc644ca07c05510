"""Enumerations and small value types shared by every layer (roles, unit kinds, comparators)."""

from __future__ import annotations

from enum import StrEnum


class AssignmentRole(StrEnum):
    """牵头单位 (LEAD) or 责任单位 (RESPONSIBLE)."""

    LEAD = "LEAD"
    RESPONSIBLE = "RESPONSIBLE"


class UnitKind(StrEnum):
    """What a unit is: the office, a department, a town, a subdistrict or a collective (group)."""

    OFFICE = "OFFICE"
    DEPARTMENT = "DEPARTMENT"
    TOWN = "TOWN"
    SUBDISTRICT = "SUBDISTRICT"
    GROUP = "GROUP"
    OTHER = "OTHER"


class Membership(StrEnum):
    """How a group's members are known.

    STATIC: set once by the office (各镇街); PER_TASK: chosen per task (相关镇街);
    DERIVED: computed from data (各问题整改责任单位); NONE: not a group.
    """

    NONE = "NONE"
    STATIC = "STATIC"
    PER_TASK = "PER_TASK"
    DERIVED = "DERIVED"


class Comparator(StrEnum):
    """How a reported value is compared with a target's threshold."""

    GE = "GE"  # 不低于, 达…以上, 稳定在…以上, 至少
    GT = "GT"  # 超过
    LE = "LE"  # 不超过, 控制在…以内
    LT = "LT"  # 低于
    EQ = "EQ"  # 动态清零 (= 0)
    INCREASE = "INCREASE"  # 较2024年度有增长 (> the baseline year's value)
    DECREASE = "DECREASE"  # 明显减少 (< the baseline value)


class Role(StrEnum):
    """What a token's holder may do."""

    OFFICE_ADMIN = "OFFICE_ADMIN"
    UNIT_REPORTER = "UNIT_REPORTER"
    SUPERVISOR = "SUPERVISOR"
    VIEWER = "VIEWER"


class TargetScope(StrEnum):
    """What a target measures, and so how it is judged (DESIGN §10).

    DISTRICT_TOTAL: a district figure (就业总体规模2.4万人以上), judged on the consolidated value;
    EACH_UNIT: a threshold every unit must meet (人均纯收入不低于8700元); DISTRICT_RATE: a district
    rate (参保率99%以上); CLEARANCE: 动态清零, every unit at zero; ALLOCATED_QUOTA: a plan the
    office divides among the units (消费帮扶指导性计划), each unit against its own share.
    """

    DISTRICT_TOTAL = "DISTRICT_TOTAL"
    EACH_UNIT = "EACH_UNIT"
    DISTRICT_RATE = "DISTRICT_RATE"
    CLEARANCE = "CLEARANCE"
    ALLOCATED_QUOTA = "ALLOCATED_QUOTA"
