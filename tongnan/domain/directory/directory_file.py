"""The district's unit directory file (data/directory.toml): read and validated, pure."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common.values import Membership, UnitKind


class DirectoryError(ValueError):
    """The directory file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One unit of the directory, in file order (``position``)."""

    name: str
    kind: UnitKind
    position: int
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    membership: Membership = Membership.NONE
    members: tuple[str, ...] | None = None  # None: not set by the office (flagged, not guessed)
    parent: str | None = None


def _str_list(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DirectoryError(f"{where}：{key} 应是一串不为空的单位名称")
    return tuple(v.strip() for v in value)


def _entry(raw: object, position: int) -> DirectoryEntry:
    where = f"第{position + 1}个单位"
    if not isinstance(raw, dict):
        raise DirectoryError(f"{where}：应写成 [[unit]] 表")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DirectoryError(f"{where}：没有填写名称（name）")
    where = f"第{position + 1}个单位（{name}）"
    unknown = set(raw) - {
        "name",
        "kind",
        "short_name",
        "aliases",
        "membership",
        "members",
        "parent",
    }
    if unknown:
        raise DirectoryError(f"{where}：不认识这些项目：{'、'.join(sorted(unknown))}，请删去或改正")
    try:
        kind = UnitKind(raw.get("kind", ""))
    except ValueError:
        allowed = ", ".join(k.value for k in UnitKind)
        raise DirectoryError(f"{where}：类别（kind）只能填 {allowed} 之一") from None
    membership = Membership.NONE
    if kind is UnitKind.GROUP:
        try:
            membership = Membership(raw.get("membership", "STATIC"))
        except ValueError:
            raise DirectoryError(
                f"{where}：成员方式（membership）只能填 STATIC、PER_TASK 或 DERIVED"
            ) from None
        if membership is Membership.NONE:
            raise DirectoryError(
                f"{where}：单位组要填成员方式（membership）：STATIC、PER_TASK 或 DERIVED"
            )
    elif "membership" in raw or "members" in raw:
        raise DirectoryError(f"{where}：只有单位组（GROUP）才能填成员")
    members = _str_list(raw, "members", where)
    if members is not None and membership is not Membership.STATIC:
        raise DirectoryError(f"{where}：只有固定成员（STATIC）的单位组才在这里列出成员")
    short_name = raw.get("short_name")
    parent = raw.get("parent")
    return DirectoryEntry(
        name=name.strip(),
        kind=kind,
        position=position,
        short_name=short_name.strip() if isinstance(short_name, str) else None,
        aliases=_str_list(raw, "aliases", where) or (),
        membership=membership,
        members=members,
        parent=parent.strip() if isinstance(parent, str) else None,
    )


def parse_directory(text: str) -> tuple[DirectoryEntry, ...]:
    """Parse and check the directory: unique names and aliases, members and parents that exist."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DirectoryError(f"单位名录文件格式有误（不是有效的 TOML）：{exc}") from None
    raw_units = document.get("unit")
    if not isinstance(raw_units, list) or not raw_units:
        raise DirectoryError("单位名录里一个单位（[[unit]]）也没有")
    entries = tuple(_entry(raw, i) for i, raw in enumerate(raw_units))
    seen: dict[str, str] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            if name in seen:
                raise DirectoryError(
                    f"名称“{name}”用了两次（{seen[name]}和{entry.name}），请改成不同的名称"
                )
            seen[name] = entry.name
    for entry in entries:
        for member in entry.members or ():
            if member not in seen:
                raise DirectoryError(f"单位组{entry.name}：成员“{member}”不在单位名录里")
        if entry.parent is not None and entry.parent not in seen:
            raise DirectoryError(f"单位{entry.name}：上级单位“{entry.parent}”不在单位名录里")
    return entries
