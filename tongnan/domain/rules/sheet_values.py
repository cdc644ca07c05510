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
    raise ValueError(f"日期“{value}”无法识别（请写作2025-06-30或2025年6月30日）")


def parse_persons(text: str) -> list[dict[str, str]]:
    """``张三(镇长)、李四(副镇长)`` → ``[{"name": "张三", "post": "镇长"}, …]``."""
    persons = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        match = _PERSON.match(part)
        if match is None:
            raise ValueError(f"责任人“{part}”应写作“姓名（职务）”")
        persons.append({"name": match["name"].strip(), "post": (match["post"] or "").strip()})
    return persons


def format_persons(persons: list[dict[str, str]]) -> str:
    return "、".join(f"{p['name']}({p['post']})" if p.get("post") else p["name"] for p in persons)


OTHER_PREFIX = re.compile(r"^其他\s*[:：]\s*")

# Words clerks write for a status, and the status they mean (the labels themselves aside).
STATUS_WORDS: dict[str, RectificationStatus] = {
    "未开始": RectificationStatus.OPEN,
    "未整改": RectificationStatus.OPEN,
    "待办": RectificationStatus.OPEN,
    "进行中": RectificationStatus.IN_PROGRESS,
    "正在整改": RectificationStatus.IN_PROGRESS,
    "推进中": RectificationStatus.IN_PROGRESS,
    "整改推进中": RectificationStatus.IN_PROGRESS,
    "已完成整改": RectificationStatus.COMPLETED,
    "完成": RectificationStatus.COMPLETED,
    "已整改": RectificationStatus.COMPLETED,
    "整改完成": RectificationStatus.COMPLETED,
    "已办结": RectificationStatus.COMPLETED,
    "销号": RectificationStatus.VERIFIED,
    "已销账": RectificationStatus.VERIFIED,
}


def source_cell(source: FindingSource, detail: str | None) -> str:
    """A source as a sheet cell that :func:`parse_source` reads back (其他：名称 for OTHER)."""
    if source is FindingSource.OTHER:
        return f"其他：{detail}" if detail else "其他"
    return SOURCE_LABELS[source]


def parse_source(text: str) -> tuple[FindingSource, str | None]:
    """A known source by its name or code (quotes ignored); any other source only as
    ``其他:名称`` (or ``其他：名称``); ValueError for an unknown one."""
    bare = text.strip().strip(_QUOTES).strip()
    if not bare:
        raise ValueError("问题来源未填写")
    for source, label in SOURCE_LABELS.items():
        if source is not FindingSource.OTHER and bare == label.strip(_QUOTES):
            return source, None
    if bare in {s.value for s in FindingSource} - {FindingSource.OTHER.value}:
        return FindingSource(bare), None
    if bare in {"其他", FindingSource.OTHER.value}:
        return FindingSource.OTHER, None
    other = OTHER_PREFIX.match(bare)
    if other is not None and bare[other.end() :].strip():
        return FindingSource.OTHER, bare[other.end() :].strip()
    known = "、".join(label for s, label in SOURCE_LABELS.items() if s is not FindingSource.OTHER)
    raise ValueError(f"问题来源“{bare}”不是已知来源（{known}）；其他来源请写作“其他：{bare}”")


def read_status(text: str) -> tuple[RectificationStatus, str | None]:
    """Empty: OPEN; a status's label or code; or a common word for one, with the reading to
    tell the clerk (“进行中”按“整改中”理解). ValueError for anything else."""
    bare = text.strip()
    if not bare:
        return RectificationStatus.OPEN, None
    for status, label in STATUS_LABELS.items():
        if bare in {label, status.value}:
            return status, None
    word = STATUS_WORDS.get(bare)
    if word is not None:
        return word, f"“{bare}”按“{STATUS_LABELS[word]}”理解"
    known = "、".join(STATUS_LABELS.values())
    raise ValueError(f"状态“{bare}”无法识别（可填：{known}）")


def parse_status(text: str) -> RectificationStatus:
    """Empty: OPEN; otherwise a status's Chinese label, its code or a common word for it."""
    return read_status(text)[0]
