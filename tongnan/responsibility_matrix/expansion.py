"""Group expansion: the units a group stands for on one task, through nested groups, cycle-safe."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol

MAX_PATHS_PER_UNIT: Final = 16  # via-paths kept per unit; bounds work on diamond-shaped nesting


class MemberSource(Protocol):
    """What expansion needs from a graph."""

    def is_group(self, unit_id: int) -> bool: ...

    def members_of(self, group_id: int, task_id: int | None) -> tuple[int, ...]: ...


@dataclass(frozen=True, slots=True)
class Reach:
    """A unit reached from the root, with every group path that leads to it."""

    unit_id: int
    via: tuple[tuple[int, ...], ...]  # group ids from the root down to the unit's parent

    @property
    def direct(self) -> bool:
        return () in self.via

    @property
    def via_groups(self) -> tuple[int, ...]:
        """The distinct groups of every path, outermost first."""
        seen: dict[int, None] = {}
        for path in self.via:
            for group in path:
                seen.setdefault(group, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Expansion:
    """The root and everything under it for one task, depth-first in directory order."""

    root: int
    reached: tuple[Reach, ...]  # the root first
    unexpanded: tuple[int, ...]  # groups reached whose members are not known for the task
    cyclic: bool  # a membership cycle was met (and cut)


def expand(source: MemberSource, root: int, task_id: int | None) -> Expansion:
    """Walk the members of ``root`` (members scoped to ``task_id`` or to every task)."""
    paths: dict[int, list[tuple[int, ...]]] = {}
    unexpanded: dict[int, None] = {}
    cyclic = False
    stack: list[tuple[int, tuple[int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        known = paths.setdefault(node, [])
        if len(known) >= MAX_PATHS_PER_UNIT:
            continue
        known.append(path)
        if not source.is_group(node):
            continue
        members = source.members_of(node, task_id)
        if not members:
            unexpanded.setdefault(node, None)
            continue
        inner = (*path, node)
        for member in reversed(members):
            if member in inner:
                cyclic = True
                continue
            stack.append((member, inner))
    reached = tuple(Reach(unit, tuple(via)) for unit, via in paths.items())
    return Expansion(root, reached, tuple(unexpanded), cyclic)
