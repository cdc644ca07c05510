"""The audit trail: append one hash-chained event per change, and verify the chain.

Each event's hash covers the previous event's hash and the event's own fields, so removing,
reordering or editing any stored event breaks every hash after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise import connections

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import AuditEvent

GENESIS_HASH = "0" * 64
_PG_AUDIT_LOCK = 0x746F6E67  # serialises appends to the chain across connections


def jsonable(value: Any) -> Any:
    """A JSON-safe copy: dates as ISO text, decimals as text, enums as their value."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def event_hash(
    prev_hash: str,
    occurred_at: dt.datetime,
    actor: str,
    actor_unit: str | None,
    action: str,
    object_type: str,
    object_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> str:
    payload = {
        "prev": prev_hash,
        "at": occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "unit": actor_unit,
        "action": action,
        "type": object_type,
        "id": object_id,
        "before": before,
        "after": after,
    }
    return hashlib.sha256(_canonical(payload)).hexdigest()


async def _lock_chain() -> None:
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [_PG_AUDIT_LOCK])


async def record(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event. Call inside the use case's transaction, so it commits with the change."""
    await _lock_chain()
    last = await AuditEvent.all().order_by("-id").only("hash").first()
    prev_hash = last.hash if last is not None else GENESIS_HASH
    occurred_at = now or dt.datetime.now(dt.UTC)
    before_json = None if before is None else jsonable(before)
    after_json = None if after is None else jsonable(after)
    digest = event_hash(
        prev_hash,
        occurred_at,
        actor.name,
        actor.unit_name,
        action,
        object_type,
        str(object_id),
        before_json,
        after_json,
    )
    return await AuditEvent.create(
        occurred_at=occurred_at,
        actor=actor.name,
        actor_unit=actor.unit_name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before_json,
        after=after_json,
        prev_hash=prev_hash,
        hash=digest,
    )


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    first_broken_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


async def verify_chain(batch: int = 1000) -> ChainReport:
    """Recompute every hash in id order; report the first event that does not match."""
    prev_hash = GENESIS_HASH
    count = 0
    last_id = 0
    while True:
        events = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(batch)
        if not events:
            return ChainReport(count, None, None)
        for event in events:
            count += 1
            if event.prev_hash != prev_hash:
                return ChainReport(count, event.id, "prev_hash does not match the event before")
            expected = event_hash(
                prev_hash,
                event.occurred_at,
                event.actor,
                event.actor_unit,
                event.action,
                event.object_type,
                event.object_id,
                event.before,
                event.after,
            )
            if expected != event.hash:
                return ChainReport(count, event.id, "hash does not match the event's contents")
            prev_hash = event.hash
            last_id = event.id
