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
        raise DirectoryError(f"{where}: {key} must be a list of non-empty names")
    return tuple(v.strip() for v in value)


def _entry(raw: object, position: int) -> DirectoryEntry:
    where = f"unit #{position + 1}"
    if not isinstance(raw, dict):
        raise DirectoryError(f"{where}: expected a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DirectoryError(f"{where}: name is missing")
    where = f"unit #{position + 1} ({name})"
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
        raise DirectoryError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    try:
        kind = UnitKind(raw.get("kind", ""))
    except ValueError:
        allowed = ", ".join(k.value for k in UnitKind)
        raise DirectoryError(f"{where}: kind must be one of {allowed}") from None
    membership = Membership.NONE
    if kind is UnitKind.GROUP:
        try:
            membership = Membership(raw.get("membership", "STATIC"))
        except ValueError:
            raise DirectoryError(
                f"{where}: membership must be STATIC, PER_TASK or DERIVED"
            ) from None
        if membership is Membership.NONE:
            raise DirectoryError(f"{where}: a GROUP needs membership STATIC, PER_TASK or DERIVED")
    elif "membership" in raw or "members" in raw:
        raise DirectoryError(f"{where}: only a GROUP has members")
    members = _str_list(raw, "members", where)
    if members is not None and membership is not Membership.STATIC:
        raise DirectoryError(f"{where}: only a STATIC group lists its members here")
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
        raise DirectoryError(f"directory is not valid TOML: {exc}") from None
    raw_units = document.get("unit")
    if not isinstance(raw_units, list) or not raw_units:
        raise DirectoryError("directory has no [[unit]] entries")
    entries = tuple(_entry(raw, i) for i, raw in enumerate(raw_units))
    seen: dict[str, str] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            if name in seen:
                raise DirectoryError(
                    f"name {name!r} is used twice (by {seen[name]} and {entry.name})"
                )
            seen[name] = entry.name
    for entry in entries:
        for member in entry.members or ():
            if member not in seen:
                raise DirectoryError(
                    f"group {entry.name}: member {member!r} is not in the directory"
                )
        if entry.parent is not None and entry.parent not in seen:
            raise DirectoryError(
                f"unit {entry.name}: parent {entry.parent!r} is not in the directory"
            )
    return entries
