"""Global object ids (Relay): base64 of ``Type:key``, opaque to clients. The only decoder.

One policy for an id a client sends:

- malformed (not base64 of ``Type:digits``) or of another type than the field wants: in a
  mutation input, an ``INVALID`` user error on that field (``input_key``); in a query
  argument, a GraphQL error on that field (``query_key``, ``any_key``);
- well formed but naming nothing that exists or that the caller may see: ``NOT_FOUND`` in a
  mutation, ``null`` in a query. A key outside 1 … 2³¹−1 can name no row, so it is treated
  as missing before any query is sent (the databases would refuse such a number).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from functools import lru_cache

from graphql import GraphQLError

from tongnan.domain.common.errors import Invalid, NotFound

MAX_KEY = 2**31 - 1
NO_ROW = 0  # a key no row has: a filter on it matches nothing
_SHAPE = re.compile(r"([A-Za-z][A-Za-z0-9]*):([0-9]{1,20})")


@lru_cache(maxsize=1 << 16)
def to_global_id(type_name: str, key: int) -> str:
    """Base64 of ``Type:key`` (remembered: the same ids are built on every request)."""
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def _decode(global_id: str) -> tuple[str, int] | None:
    """``(type, key)``, or ``None`` when the text is not an id of this API: base64 of one of
    its type names, a colon and ASCII digits."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    shape = _SHAPE.fullmatch(text)
    return (shape[1], int(shape[2])) if shape and shape[1] in _NAMES else None


def _stored(key: int) -> int | None:
    """The key, or ``None`` when no row can have it."""
    return key if 1 <= key <= MAX_KEY else None


def input_key(global_id: str, type_name: str, field: Sequence[str]) -> int:
    """The row key of a mutation input's id of a ``type_name``: ``Invalid`` for a malformed
    or wrong-type id, ``NotFound`` for a key no row can have (both user errors on ``field``)."""
    decoded = _decode(str(global_id))
    path = tuple(field)
    if decoded is None:
        raise Invalid(f"{'.'.join(path)}:这不是本系统给出的编号", path)
    kind, key = decoded
    if kind != type_name:
        raise Invalid(f"{'.'.join(path)}:应为{_NAMES.get(type_name, type_name)}的编号", path)
    stored = _stored(key)
    if stored is None:
        raise NotFound(f"{'.'.join(path)}:没有这个{_NAMES.get(type_name, type_name)}", path)
    return stored


def query_key(global_id: str, type_name: str, argument: str) -> int | None:
    """The row key of a query argument's id of a ``type_name`` (``None``: it names no row);
    a malformed or wrong-type id is the field's error."""
    kind, key = any_key(global_id, argument)
    if kind != type_name:
        raise GraphQLError(f"{argument}:应为{_NAMES.get(type_name, type_name)}的编号")
    return key


def any_key(global_id: str, argument: str) -> tuple[str, int | None]:
    """``(type, row key)`` of an id of any type (key ``None``: it names no row); a malformed id
    is the field's error."""
    decoded = _decode(str(global_id))
    if decoded is None:
        raise GraphQLError(f"{argument}:这不是本系统给出的编号")
    kind, key = decoded
    return kind, _stored(key)


def from_global_id(global_id: str) -> tuple[str, int]:
    """``(type, row key)`` of an id of any type, for tools and tests that hold one (a
    GraphQL error when it is malformed or names no row)."""
    kind, key = any_key(global_id, "id")
    if key is None:
        raise GraphQLError(f"id:{global_id!r} 不指向任何对象")
    return kind, key


_NAMES = {
    "WorkPlan": "工作要点",
    "Task": "任务",
    "Unit": "单位",
    "Assignment": "分工",
    "Target": "指标",
    "ReportingRound": "调度",
    "ProgressReport": "进展报告",
    "Supervision": "督查",
    "Finding": "问题",
    "RectificationItem": "整改事项",
    "RectificationUpdate": "整改进展",
    "UrgeNotice": "催办通知",
    "Document": "公文",
    "Obligation": "报送义务",
    "Upload": "上传的文件",
    "Evidence": "佐证材料",
    "User": "账号",
    "ApiToken": "访问令牌",
    "NotificationChannel": "推送渠道",
    "Notification": "站内消息",
    "NotificationDelivery": "消息投递",
}
