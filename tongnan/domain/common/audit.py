"""The audit trail: append one event per change, and check each event's hash.

Each event's hash covers its own fields (and a random salt). Appends take no lock and read
nothing: the sealer (``tongnan.domain.common.audit_seal``) later covers committed events with
keyed seals, which is what makes removing or rewriting events detectable.

Events written before seals existed form a hash chain (each hash also covers the previous
event's hash); that chain is still checked here, and the first seal closes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

import orjson

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.changes import CHANNEL, Change, notice_payload
from tongnan.domain.common.postgres import transaction_connection
from tongnan.domain.models import AuditEvent

GENESIS_HASH = "0" * 64
UNCHAINED = ""  # the prev_hash of events written since seals exist


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
    salt: str | None = None,
) -> str:
    payload: dict[str, Any] = {
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
    if salt is not None:
        payload["salt"] = salt
    return hashlib.sha256(_canonical(payload)).hexdigest()


async def record(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
    notice: Change | None = None,
) -> AuditEvent:
    """Append one event. Call inside the use case's transaction, so it commits with the change.

    One INSERT, no lock: concurrent use cases append side by side. ``notice``: on PostgreSQL
    its NOTIFY is sent by the same statement (``UnitOfWork.send_with``); SQLite has none.
    """
    salt = secrets.token_hex(16)
    occurred_at = now or dt.datetime.now(dt.UTC)
    before_json = None if before is None else jsonable(before)
    after_json = None if after is None else jsonable(after)
    digest = event_hash(
        UNCHAINED,
        occurred_at,
        actor.name,
        actor.unit_name,
        action,
        object_type,
        str(object_id),
        before_json,
        after_json,
        salt,
    )
    fields: dict[str, Any] = dict(
        occurred_at=occurred_at,
        actor=actor.name,
        actor_unit=actor.unit_name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before_json,
        after=after_json,
        prev_hash=UNCHAINED,
        hash=digest,
        salt=salt,
    )
    connection = transaction_connection()
    if connection is None:
        return await AuditEvent.create(**fields)
    # PostgreSQL: one prepared INSERT on the transaction's connection, no query built
    for name in ("actor", "actor_unit", "action", "object_type", "object_id"):
        AuditEvent._meta.fields_map[name].validate(fields[name])
    for name in ("before", "after"):
        if fields[name] is not None:
            fields[name] = orjson.dumps(fields[name]).decode()
    params = [fields[name] for name in _EVENT_COLUMNS]
    if notice is None:
        event_id = await connection.fetchval(_INSERT_EVENT, *params)
    else:
        event_id = await connection.fetchval(
            _INSERT_EVENT_NOTIFY, *params, CHANNEL, notice_payload(notice)
        )
    # as AuditEvent(...) would make it, without the keyword arguments' slow path
    return AuditEvent._init_from_db(
        id=event_id, **{**fields, "before": before_json, "after": after_json}
    )


_EVENT_COLUMNS = (
    "occurred_at",
    "actor",
    "actor_unit",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "prev_hash",
    "hash",
    "salt",
)
_INSERT_EVENT = (
    f"INSERT INTO audit_event ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join(f'${n}' for n in range(1, len(_EVENT_COLUMNS) + 1))}) RETURNING id"
)
_INSERT_EVENT_NOTIFY = (
    f"WITH event AS ({_INSERT_EVENT}) SELECT id, "
    f"pg_notify(${len(_EVENT_COLUMNS) + 1}, ${len(_EVENT_COLUMNS) + 2}) FROM event"
)


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    first_broken_id: int | None
    reason: str | None
    chain_head: str = GENESIS_HASH  # the hash of the last chained (pre-seal) event

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def stored_hash_of(event: AuditEvent, prev_hash: str) -> str:
    """The hash the event's stored fields give, after ``prev_hash`` (empty: not chained)."""
    return event_hash(
        prev_hash,
        event.occurred_at,
        event.actor,
        event.actor_unit,
        event.action,
        event.object_type,
        event.object_id,
        event.before,
        event.after,
        event.salt,
    )


async def verify_chain(batch: int = 1000) -> ChainReport:
    """Recompute every event's hash in id order; chained (pre-seal) events must also follow one
    another. Reports the first event that does not match. This needs no key and proves only that
    each event is self-consistent; the keyed seals prove that none was removed or rewritten."""
    prev_hash = GENESIS_HASH
    count = 0
    last_id = 0
    while True:
        events = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(batch)
        if not events:
            return ChainReport(count, None, None, prev_hash)
        for event in events:
            count += 1
            last_id = event.id
            chained = event.prev_hash != UNCHAINED
            if chained and event.prev_hash != prev_hash:
                return ChainReport(count, event.id, "prev_hash does not match the event before")
            if stored_hash_of(event, event.prev_hash) != event.hash:
                return ChainReport(count, event.id, "hash does not match the event's contents")
            if chained:
                prev_hash = event.hash
