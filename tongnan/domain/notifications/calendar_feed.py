"""A unit's calendar feed: a secret URL (only its SHA-256 stored, shown once, revocable; a new
one revokes the old) listing the due dates of its owed reports and open rectification items."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import (
    CalendarFeed,
    Finding,
    Obligation,
    ProgressReport,
    RectificationItem,
    ReportingRound,
    Task,
    Unit,
)
from tongnan.domain.models.reporting import ReportStatus, RoundStatus
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.notifications.ics import DueDate, calendar

SECRET_BYTES = 24


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewFeed:
    feed: CalendarFeed
    secret: str  # shown once: the path is /calendar/<secret>.ics


async def _unit(unit_id: int) -> Unit:
    unit = await Unit.get_or_none(id=unit_id).only("id", "name")
    if unit is None:
        raise NotFound("没有这个单位", ("unitId",))
    return unit


async def create_feed(actor: Actor, unit_id: int, now: dt.datetime) -> NewFeed:
    require(actor, "calendar.create", unit_id)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    async with UnitOfWork() as uow:
        uow.changed("calendar_feed")  # cached calendarFeed answers are dropped
        unit = await _unit(unit_id)
        revoked = await CalendarFeed.filter(unit_id=unit.id, revoked_at__isnull=True).update(
            revoked_at=now
        )
        feed = await CalendarFeed.create(
            unit_id=unit.id,
            token_hash=_hash(secret),
            prefix=secret[:8],
            created_by=actor.name,
            created_at=now,
        )
        await audit.record(
            actor,
            "calendar.created",
            "CalendarFeed",
            feed.id,
            None,
            {"unit": unit.name, "prefix": feed.prefix, "revoked_before": revoked},
            now=now,
        )
    return NewFeed(feed, secret)


async def revoke_feed(actor: Actor, unit_id: int, now: dt.datetime) -> int:
    """End the unit's feed; returns how many were live (0: there was none)."""
    require(actor, "calendar.revoke", unit_id)
    async with UnitOfWork() as uow:
        uow.changed("calendar_feed")
        unit = await _unit(unit_id)
        revoked = await CalendarFeed.filter(unit_id=unit.id, revoked_at__isnull=True).update(
            revoked_at=now
        )
        await audit.record(
            actor, "calendar.revoked", "Unit", unit.id, None, {"revoked": revoked}, now=now
        )
    return revoked


async def live_feed(unit_id: int) -> CalendarFeed | None:
    return await CalendarFeed.filter(unit_id=unit_id, revoked_at__isnull=True).first()


async def feed_for(secret: str) -> Unit | None:
    """The unit whose live feed has this secret (None: unknown or revoked)."""
    if not 16 <= len(secret) <= 64:
        return None
    feed = await CalendarFeed.get_or_none(token_hash=_hash(secret), revoked_at__isnull=True)
    if feed is None:
        return None
    return await Unit.get_or_none(id=feed.unit_id).only("id", "name")


async def due_dates(unit_id: int) -> list[DueDate]:
    """The unit's owed reports (open rounds, not yet submitted) and open rectification items."""
    events: list[DueDate] = []
    rounds = {r.id: r for r in await ReportingRound.filter(status=RoundStatus.OPEN)}
    owed = await Obligation.filter(round_id__in=list(rounds), unit_id=unit_id).order_by("id")
    done = {
        int(key)
        for (key,) in await ProgressReport.filter(
            obligation_id__in=[o.id for o in owed],
            status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED),
        ).values_list("obligation_id")
    }
    tasks = {
        t.id: t
        for t in await Task.filter(id__in={o.task_id for o in owed}).only("id", "label", "title")
    }
    for o in owed:
        if o.id in done:
            continue
        r = rounds[o.round_id]
        task = tasks[o.task_id]
        events.append(
            DueDate(
                f"report-{o.id}@tongnan",
                r.due_date,
                f"报送进展:{task.label}{task.title}",
                f"{r.name}的进展报告截止",
            )
        )
    items = await RectificationItem.filter(
        responsible_unit_id=unit_id,
        status__in=(RectificationStatus.OPEN, RectificationStatus.IN_PROGRESS),
        voided_at__isnull=True,
    ).order_by("deadline", "id")
    findings = {
        f.id: f
        for f in await Finding.filter(id__in={i.finding_id for i in items}).only(
            "id", "description"
        )
    }
    for item in items:
        events.append(
            DueDate(
                f"rectification-{item.id}@tongnan",
                item.deadline,
                f"整改时限:{findings[item.finding_id].description[:40]}",
                item.measures,
            )
        )
    events.sort(key=lambda e: (e.day, e.uid))
    return events


async def feed_text(unit: Unit, now: dt.datetime) -> str:
    return calendar(f"{unit.name}的待办时限", await due_dates(unit.id), now)
