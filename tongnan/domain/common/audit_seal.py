"""Sealing the audit trail: batches of committed events covered by HMAC-keyed, chained seals.

A seal lists the ids of the events it covers (as ranges), the digest of their ids and hashes,
the previous seal's MAC, and its own MAC: HMAC-SHA256 under a key the database does not hold.
Whoever can write to the database can still add rows, but cannot remove or rewrite a sealed
event, or a seal, without the key: the MACs (and a checkpoint kept outside) would not match.

One sealer runs per database. It seals what is committed and not yet sealed; an event whose
transaction commits after later ids were sealed leaves a gap that later batches look into, so
it is sealed late rather than never. The seal's ``seq`` is unique: a second sealer racing the
first fails to insert and reloads its state, so no event is sealed twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from tongnan.domain.common.audit import GENESIS_HASH, UNCHAINED
from tongnan.domain.models import AuditEvent, AuditSeal

BATCH = 5000  # events per seal at most
GAP_PATIENCE = dt.timedelta(minutes=10)  # no transaction stays open longer than this
MAX_GAPS = 10_000
GAPS_PER_QUERY = 900  # the oldest gaps first; within any SQLite's limit of bound parameters

Range = tuple[int, int]


def to_ranges(ids: Iterable[int]) -> list[Range]:
    """Ascending ids as inclusive ranges: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    ranges: list[list[int]] = []
    for event_id in sorted(ids):
        if ranges and event_id == ranges[-1][1] + 1:
            ranges[-1][1] = event_id
        elif not ranges or event_id > ranges[-1][1]:
            ranges.append([event_id, event_id])
    return [(a, b) for a, b in ranges]


def from_ranges(ranges: Sequence[Range]) -> list[int]:
    return [event_id for first, last in ranges for event_id in range(first, last + 1)]


def encode_ranges(ranges: Sequence[Range]) -> str:
    return json.dumps([list(r) for r in ranges], separators=(",", ":"))


def decode_ranges(text: str) -> list[Range]:
    return [(int(a), int(b)) for a, b in json.loads(text)]


def events_digest(events: Sequence[tuple[int, str]]) -> str:
    """SHA-256 over each event's id and hash, in id order."""
    h = hashlib.sha256()
    for event_id, event_hash in sorted(events):
        h.update(f"{event_id}:{event_hash}\n".encode())
    return h.hexdigest()


def seal_mac(
    key: bytes,
    *,
    seq: int,
    sealed_at: dt.datetime,
    event_ranges: str,
    event_count: int,
    high_water: int,
    digest: str,
    prev_mac: str,
) -> str:
    """HMAC-SHA256 over every field of a seal."""
    message = json.dumps(
        {
            "seq": seq,
            "at": sealed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "ranges": event_ranges,
            "count": event_count,
            "high": high_water,
            "digest": digest,
            "prev": prev_mac,
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def mac_of(seal: AuditSeal, key: bytes) -> str:
    return seal_mac(
        key,
        seq=seal.seq,
        sealed_at=seal.sealed_at,
        event_ranges=seal.event_ranges,
        event_count=seal.event_count,
        high_water=seal.high_water,
        digest=seal.digest,
        prev_mac=seal.prev_mac,
    )


async def legacy_chain_head() -> str:
    """The hash of the last hash-chained event written before seals existed (or genesis)."""
    last = await AuditEvent.exclude(prev_hash=UNCHAINED).order_by("-id").only("id", "hash").first()
    return last.hash if last is not None else GENESIS_HASH


@dataclass
class SealerState:
    """What the sealer knows: the chain's head, the highest id sealed, and the gaps below it
    (ids not seen when later ids were sealed: a rolled-back insert, or a commit still to come)."""

    seq: int = 0
    mac: str = ""
    high_water: int = 0
    gaps: dict[int, dt.datetime] = field(default_factory=dict)


async def load_state(now: dt.datetime) -> SealerState:
    """Rebuild the state from the stored seals (at start, or after another sealer's seal)."""
    last = await AuditSeal.all().order_by("-seq").first()
    if last is None:
        return SealerState(seq=0, mac=await legacy_chain_head())
    state = SealerState(seq=last.seq, mac=last.mac, high_water=last.high_water)
    recent = await AuditSeal.filter(sealed_at__gte=now - GAP_PATIENCE).order_by("seq")
    if not recent:
        return state
    before = await AuditSeal.filter(seq__lt=recent[0].seq).order_by("-seq").first()
    floor = before.high_water if before is not None else 0
    sealed = {i for seal in recent for i in from_ranges(decode_ranges(seal.event_ranges))}
    missing = (i for i in range(floor + 1, state.high_water + 1) if i not in sealed)
    for event_id in missing:
        if len(state.gaps) >= MAX_GAPS:
            break
        state.gaps[event_id] = now
    return state


async def _reload(state: SealerState, now: dt.datetime) -> None:
    fresh = await load_state(now)
    state.seq, state.mac, state.high_water, state.gaps = (
        fresh.seq,
        fresh.mac,
        fresh.high_water,
        fresh.gaps,
    )


async def seal_once(state: SealerState, key: bytes, now: dt.datetime) -> AuditSeal | None:
    """Seal the committed events not sealed yet (at most ``BATCH``); None when there are none.

    ``state`` is updated in place; if another sealer sealed meanwhile it is reloaded first.
    """
    if await AuditSeal.filter(seq__gt=state.seq).exists():
        await _reload(state, now)
    for event_id, noticed in list(state.gaps.items()):
        if now - noticed > GAP_PATIENCE:
            del state.gaps[event_id]
    wanted = Q(id__gt=state.high_water)
    if state.gaps:
        wanted |= Q(id__in=sorted(state.gaps)[:GAPS_PER_QUERY])
    rows: list[tuple[int, str]] = await (
        AuditEvent.filter(wanted).order_by("id").limit(BATCH).values_list("id", "hash")
    )
    if not rows:
        return None
    ids = [event_id for event_id, _ in rows]
    high_water = max(state.high_water, ids[-1])
    ranges = encode_ranges(to_ranges(ids))
    digest = events_digest(rows)
    seq = state.seq + 1
    sealed_at, count = now, len(ids)
    mac = seal_mac(
        key,
        seq=seq,
        sealed_at=sealed_at,
        event_ranges=ranges,
        event_count=count,
        high_water=high_water,
        digest=digest,
        prev_mac=state.mac,
    )
    try:
        seal = await AuditSeal.create(
            seq=seq,
            sealed_at=sealed_at,
            event_ranges=ranges,
            event_count=count,
            high_water=high_water,
            digest=digest,
            prev_mac=state.mac,
            mac=mac,
        )
    except IntegrityError:  # another sealer took this seq: start again from what it stored
        await _reload(state, now)
        return None
    fetched = set(ids)
    for event_id in fetched:
        state.gaps.pop(event_id, None)
    for event_id in range(state.high_water + 1, high_water + 1):
        if event_id not in fetched and len(state.gaps) < MAX_GAPS:
            state.gaps[event_id] = now
    state.seq, state.mac, state.high_water = seq, mac, high_water
    return seal
