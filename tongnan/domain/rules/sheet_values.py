"""Ledger cells as people type them: dates, responsible persons, sources, statuses."""

from __future__ import annotations

import datetime as dt
import re

from tongnan.domain.models.supervision import (
    SOURCE_LABELS,
    STATUS_LABELS,
    FindingSource,
    RectificationStatus,
)

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_PERSON = re.compile(r"^(?P<name>[^()()]+?)\s*(?:[((](?P<post>[^()()]*)[))])?$")
_SPLIT = re.compile(r"[、,,;;\n]+")
_QUOTES = "“”\"'‘’「」"


def parse_date(value: object) -> dt.date:
    """A date cell, or text such as 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DATE.match(value.strip())
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
    raise ValueError(f"“{value}”不是日期，请写成2025-06-30或2025年6月30日")


def parse_persons(text: str) -> list[dict[str, str]]:
    """``张三(镇长)、李四(副镇长)`` → ``[{"name": "张三", "post": "镇长"}, …]``."""
    persons = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        match = _PERSON.match(part)
        if match is None:
            raise ValueError(f"看不懂“{part}”：责任人应写成“姓名”或“姓名(职务)”")
        persons.append({"name": match["name"].strip(), "post": (match["post"] or "").strip()})
    return persons


def format_persons(persons: list[dict[str, str]]) -> str:
    return "、".join(f"{p['name']}({p['post']})" if p.get("post") else p["name"] for p in persons)


def parse_source(text: str) -> tuple[FindingSource, str | None]:
    """A known source by its name (quotes ignored), otherwise OTHER with the name given."""
    bare = text.strip().strip(_QUOTES).strip()
    if not bare:
        raise ValueError("没有填写问题来源")
    for source, label in SOURCE_LABELS.items():
        if source is not FindingSource.OTHER and bare == label.strip(_QUOTES):
            return source, None
    if bare in {s.value for s in FindingSource} - {FindingSource.OTHER.value}:
        return FindingSource(bare), None
    return FindingSource.OTHER, bare


def parse_status(text: str) -> RectificationStatus:
    """Empty: OPEN; otherwise a status's Chinese label or its code."""
    bare = text.strip()
    if not bare:
        return RectificationStatus.OPEN
    for status, label in STATUS_LABELS.items():
        if bare in {label, status.value}:
            return status
    known = "、".join(STATUS_LABELS.values())
    raise ValueError(f"“{bare}”不是整改状态，应填：{known}")
