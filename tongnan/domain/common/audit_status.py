"""The audit chain's state, for the office and supervisors: its seals and checkpoints, the events
still waiting for a seal, and the last verification; and a verification run and recorded
(``tongnan audit verify`` and the office's 立即核验 alike), so the next person sees its outcome.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from tortoise.functions import Sum

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.audit_seal import decode_ranges
from tongnan.domain.common.audit_verify import Checkpoint, verify_trail
from tongnan.domain.common.permissions import require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import AuditCheckpoint, AuditEvent, AuditSeal, AuditVerification

MAX_PROBLEMS_KEPT = 200  # a ruined trail can have thousands; the first ones say what happened


@dataclass(frozen=True, slots=True)
class LastSeal:
    seq: int
    sealed_at: dt.datetime
    event_count: int
    first_event: int  # the lowest and highest event ids it covers
    last_event: int


@dataclass(frozen=True, slots=True)
class ChainState:
    events: int
    seals: int
    sealed_events: int
    unsealed_events: int  # written, not yet under a seal (the sealer takes them within minutes)
    last_seal: LastSeal | None
    checkpoints: int
    last_checkpoint: AuditCheckpoint | None
    last_verification: AuditVerification | None


async def chain_state(actor: Actor | None) -> ChainState:
    """The chain as stored now: counts and the latest of each (a handful of queries, no key)."""
    require_read(actor, "audit.chain")
    events = await AuditEvent.all().count()
    seals = await AuditSeal.all().count()
    totals = await AuditSeal.all().annotate(total=Sum("event_count")).values("total")
    sealed = int((totals[0]["total"] if totals else None) or 0)
    head = await AuditSeal.all().order_by("-seq").first()
    last_seal = None
    if head is not None:
        ranges = decode_ranges(head.event_ranges)
        last_seal = LastSeal(
            seq=head.seq,
            sealed_at=head.sealed_at,
            event_count=head.event_count,
            first_event=ranges[0][0] if ranges else 0,
            last_event=ranges[-1][1] if ranges else 0,
        )
    return ChainState(
        events=events,
        seals=seals,
        sealed_events=sealed,
        unsealed_events=max(events - sealed, 0),
        last_seal=last_seal,
        checkpoints=await AuditCheckpoint.all().count(),
        last_checkpoint=await AuditCheckpoint.all().order_by("-taken_at", "-id").first(),
        last_verification=await AuditVerification.all().order_by("-verified_at", "-id").first(),
    )


async def verify_and_record(
    actor: Actor,
    key: bytes,
    now: dt.datetime,
    seal_within: dt.timedelta,
    *,
    source: str,
    against: Checkpoint | None = None,
) -> AuditVerification:
    """Verify the whole trail with the key and store the outcome (audited); ``source`` is "cli"
    or "web". The checks read the events in batches of 2000 and hash each batch between reads,
    so the event loop is given back between batches."""
    require(actor, "audit.verify")
    started = time.perf_counter()
    report = await verify_trail(key, now, seal_within, against=against)
    seconds = round(time.perf_counter() - started, 3)
    async with UnitOfWork():
        row = await AuditVerification.create(
            verified_at=now,
            by=actor.name if source == "web" else f"命令行（{actor.name}）",
            source=source,
            ok=report.ok,
            events=report.events,
            seals=report.seals,
            unsealed_recent=report.unsealed_recent,
            problem_count=len(report.problems),
            problems=report.problems[:MAX_PROBLEMS_KEPT],
            against_checkpoint=against is not None,
            seconds=seconds,
        )
        await audit.record(
            actor,
            "audit.verified",
            "AuditVerification",
            row.id,
            None,
            {
                "ok": report.ok,
                "events": report.events,
                "seals": report.seals,
                "problems": len(report.problems),
                "source": source,
            },
            now=now,
        )
    return row
