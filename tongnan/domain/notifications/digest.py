"""The daily warning digest: one message per unit per day listing its YELLOW and RED tasks,
sent at the set hour (never a message per task). The unique ``digest:<day>`` key of each unit
makes a second run on the same day (another process, a restart) queue nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import Role
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.outbox import announce, enqueue

SYSTEM = Actor(name="system:digest", role=Role.OFFICE_ADMIN)


@dataclass(frozen=True, slots=True)
class Warned:
    """One warning as the rules gave it: the unit, the level (YELLOW/RED) and what is late."""

    unit_id: int
    unit_name: str
    level: str
    text: str


@dataclass(slots=True)
class UnitDigest:
    unit_id: int
    unit_name: str
    red: list[str] = field(default_factory=list)
    yellow: list[str] = field(default_factory=list)


def due(now: dt.datetime, hour: int) -> dt.date | None:
    """The local day whose digest is due at ``now`` (at or after ``hour``), else None."""
    local = now.astimezone(LOCAL_TZ)
    return local.date() if local.hour >= hour else None


def group(warnings: Iterable[Warned]) -> list[UnitDigest]:
    """Per unit, its RED then YELLOW texts (each once), units in id order; GREEN is dropped."""
    units: dict[int, UnitDigest] = {}
    for w in warnings:
        if w.level not in {"RED", "YELLOW"}:
            continue
        digest = units.setdefault(w.unit_id, UnitDigest(w.unit_id, w.unit_name))
        bucket = digest.red if w.level == "RED" else digest.yellow
        if w.text not in bucket:
            bucket.append(w.text)
    return [units[k] for k in sorted(units)]


async def queue_digests(day: dt.date, digests: Sequence[UnitDigest], now: dt.datetime) -> int:
    """Queue the day's digests; units that had theirs already are skipped. Returns how many."""
    for _ in range(2):  # a concurrent run took a key first: the second pass skips it
        try:
            return await _queue(day, digests, now)
        except IntegrityError:
            continue
    return 0


async def _queue(day: dt.date, digests: Sequence[UnitDigest], now: dt.datetime) -> int:
    queued = 0
    async with UnitOfWork() as uow:
        for d in digests:
            message = templates.warning_digest(d.unit_name, day, d.red, d.yellow, "/#/warnings")
            written = await enqueue([d.unit_id], f"digest:{day.isoformat()}", message, now)
            announce(uow, written)
            queued += len(written)
        if queued:
            await audit.record(
                SYSTEM,
                "notify.digest",
                "Notification",
                day.isoformat(),
                None,
                {"units": queued},
                now=now,
            )
            uow.changed("notification")
    return queued
