"""Edits of stored objects carry the version their caller last read: a stale one is refused.

Every editable row has a ``version`` bumped by each change. An edit names the version it was
based on; if the row has moved on since, the edit is a ``CONFLICT`` that says who changed it
and when (from the audit trail), e.g. "该报告已被 双江镇 于 14:05 修改，请刷新后再改".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.common.errors import Conflict
from tongnan.domain.models import AuditEvent

FIELD = ("expectedVersion",)

# what an object is called in a clerk's words, by its type name
NOUNS = {
    "ProgressReport": "报告",
    "Supervision": "督查",
    "Finding": "问题",
    "RectificationItem": "整改事项",
    "Task": "任务",
    "Unit": "集体单位",
    "ReportingRound": "调度",
    "Assignment": "分工",
    "User": "账号",
}


def _when(moment: dt.datetime, now: dt.datetime | None) -> str:
    local = moment.astimezone(LOCAL_TZ)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL_TZ).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local.month}月{local.day}日 {local:%H:%M}"


async def stale_message(type_name: str, key: int, now: dt.datetime | None = None) -> str:
    """The refusal of an edit based on an old version: who changed the object last, and when."""
    noun = NOUNS.get(type_name, "对象")
    last = (
        await AuditEvent.filter(object_type=type_name, object_id=str(key)).order_by("-id").first()
    )
    if last is None:
        return f"该{noun}已被他人修改，请刷新后再改"
    who = last.actor_unit or last.actor
    return f"该{noun}已被 {who} 于 {_when(last.occurred_at, now)} 修改，请刷新后再改"


async def check_version(
    type_name: str,
    key: int,
    current: int,
    expected: int,
    now: dt.datetime | None = None,
    field: Sequence[str] = FIELD,
) -> None:
    """Return when ``expected`` is the row's ``current`` version; else a ``Conflict``."""
    if current != expected:
        raise Conflict(await stale_message(type_name, key, now), tuple(field))


async def changed_meanwhile(type_name: str, key: int, now: dt.datetime | None = None) -> Conflict:
    """The refusal when the row moved on while this request ran (the guarded write missed)."""
    return Conflict(await stale_message(type_name, key, now), FIELD)
