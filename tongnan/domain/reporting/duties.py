"""Who owes a report on which task: the port a use case asks, implemented by the matrix layer.

The domain does not expand groups itself; ``tongnan.responsibility_matrix`` implements
:class:`DutyResolver` over its graph and the outer layers pass it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tongnan.domain.models.reporting import ObligationKind
from tongnan.domain.plans import PlanSnapshot


@dataclass(frozen=True, slots=True)
class ObligationSpec:
    """A concrete unit owes a report of ``kind`` on a task (``via``: the groups it came through)."""

    task_id: int
    unit_id: int
    kind: ObligationKind
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Duties:
    obligations: tuple[ObligationSpec, ...]
    unresolved: tuple[str, ...] = field(default=())  # e.g. "task (四): 相关镇街 has no members set"


class DutyResolver(Protocol):
    def duties(self, snapshot: PlanSnapshot, task_numbers: Sequence[int]) -> Duties: ...
