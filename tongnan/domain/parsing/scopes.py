"""What a target measures, proposed from its wording (the office may change it).

清零 → CLEARANCE; 分解…到各单位 / 指导性计划 → ALLOCATED_QUOTA; 全区…总体规模 / 总数 / 总量 →
DISTRICT_TOTAL; 率 / 占比 / % → DISTRICT_RATE; per-capita or per-household words (人均, 户均,
每户, 家庭, 户) → EACH_UNIT; otherwise a figure named for the district (全区…) is a total and
anything else a threshold each unit meets.
"""

from __future__ import annotations

import re

from tongnan.domain.common.values import Comparator, TargetScope

_CLEARANCE = re.compile(r"清零|归零")
_QUOTA = re.compile(r"分解.*到各|指导性计划")
_TOTAL = re.compile(r"总体规模|总数|总量|总规模")
_RATE = re.compile(r"率|占比|比例|比重")
_PER_UNIT = re.compile(r"人均|户均|每户|每人|家庭|户")
_DISTRICT = re.compile(r"^(?:全区|全县|全市|区级)")


def propose_scope(
    metric: str, text: str, comparator: Comparator, unit_of_measure: str | None
) -> TargetScope:
    """The scope the wording suggests for a target (pure; the importer and migration 0007)."""
    words = f"{metric} {text}"
    if _CLEARANCE.search(words) or (comparator is Comparator.EQ and "零" in words):
        return TargetScope.CLEARANCE
    if _QUOTA.search(words):
        return TargetScope.ALLOCATED_QUOTA
    if _DISTRICT.search(metric) and _TOTAL.search(metric):
        return TargetScope.DISTRICT_TOTAL
    if _RATE.search(metric) or unit_of_measure in ("%", "‰"):
        return TargetScope.DISTRICT_RATE
    if _PER_UNIT.search(metric):
        return TargetScope.EACH_UNIT
    if _DISTRICT.search(metric) or _TOTAL.search(metric):
        return TargetScope.DISTRICT_TOTAL
    return TargetScope.EACH_UNIT
