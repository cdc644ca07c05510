"""The sealed audit trail on both backends: no truncation, each event in exactly one seal, and
removal or rewriting (even re-hashed with the public function) caught by the keyed check."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from tests.support.audit import as_owner, run_sql
from tests.support.files import TEST_AUDIT_KEY
from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.audit_key import parse_key
from tongnan.domain.common.audit_seal import (
    SealerState,
    decode_ranges,
    from_ranges,
    load_state,
    seal_once,
)
from tongnan.domain.common.audit_verify import Checkpoint, take_checkpoint, verify_trail
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role
from tongnan.domain.models import AuditCheckpoint, AuditEvent, AuditSeal
from tongnan.server.audit_sealer import run_sealer

KEY = parse_key(TEST_AUDIT_KEY)
NOW = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)
WITHIN = dt.timedelta(seconds=5)
CLERK = Actor(name="cli:clerk", role=Role.OFFICE_ADMIN)


async def _write(count: int, at: dt.datetime = NOW, start: int = 0) -> list[int]:
    ids = []
    for n in range(start, start + count):
        event = await audit.record(CLERK, "task.updated", "Task", n, {"v": n}, {"v": n + 1}, now=at)
        ids.append(event.id)
    return ids


async def _sealed_ids() -> list[int]:
    return [
        i
        for seal in await AuditSeal.all().order_by("seq")
        for i in from_ranges(decode_ranges(seal.event_ranges))
    ]


async def test_audit_tables_refuse_truncate_update_and_delete(
    db: DatabaseUrl, backend: str
) -> None:
    await _write(3)
    await seal_once(SealerState(mac=audit.GENESIS_HASH), KEY, NOW)
    await take_checkpoint(KEY, NOW)
    for table in ("audit_event", "audit_seal", "audit_checkpoint"):
        statements = [f"UPDATE {table} SET id = id", f"DELETE FROM {table}"]
        if backend == "postgres":
            statements.append(f"TRUNCATE {table}")
        for statement in statements:
            with pytest.raises(Exception, match="append-only"):
                await run_sql(statement)
    assert await AuditEvent.all().count() == 3
    assert await AuditSeal.all().count() == 1
    assert await AuditCheckpoint.all().count() == 1


async def test_every_event_lands_in_exactly_one_seal(db: DatabaseUrl) -> None:
    state = await load_state(NOW)
    written = await _write(7)
    first = await seal_once(state, KEY, NOW)
    written += await _write(5, start=7)
    second = await seal_once(state, KEY, NOW)
    assert await seal_once(state, KEY, NOW) is None  # nothing left: no empty seals

    assert first is not None and second is not None
    assert (first.seq, first.event_count, second.seq, second.event_count) == (1, 7, 2, 5)
    assert second.prev_mac == first.mac
    assert sorted(await _sealed_ids()) == sorted(written)
    report = await verify_trail(KEY, NOW, WITHIN)
    assert report.ok, report.problems
    assert (report.events, report.seals) == (12, 2)


async def test_a_sealer_that_restarts_or_races_another_seals_nothing_twice(
    db: DatabaseUrl,
) -> None:
    one, other = await load_state(NOW), await load_state(NOW)
    await _write(4)
    assert await seal_once(one, KEY, NOW) is not None
    await _write(3, start=4)
    assert await seal_once(other, KEY, NOW) is not None  # sees it is behind, reloads, goes on
    await _write(2, start=7)
    assert await seal_once(await load_state(NOW), KEY, NOW) is not None  # a restarted sealer
    assert sorted(await _sealed_ids()) == [e.id for e in await AuditEvent.all().order_by("id")]
    assert (await verify_trail(KEY, NOW, WITHIN)).ok


async def test_a_rewritten_event_rehashed_with_the_public_function_is_caught(
    db: DatabaseUrl, backend: str
) -> None:
    ids = await _write(5)
    await seal_once(await load_state(NOW), KEY, NOW)
    victim = await AuditEvent.get(id=ids[2])
    victim.after = {"v": 999}
    forged = audit.stored_hash_of(victim, victim.prev_hash)
    await as_owner(
        backend,
        "audit_event",
        f"UPDATE audit_event SET after = '{{\"v\": 999}}', hash = '{forged}' WHERE id = {ids[2]}",
    )

    assert (
        await audit.verify_chain()
    ).ok  # each event is self-consistent: the hash alone is fooled
    report = await verify_trail(KEY, NOW, WITHIN)
    assert not report.ok
    assert any("第 1 号封存所封的留痕记录被改过" in p for p in report.problems)


async def test_deleting_the_tail_is_caught(db: DatabaseUrl, backend: str) -> None:
    ids = await _write(6)
    await seal_once(await load_state(NOW), KEY, NOW)
    await as_owner(backend, "audit_event", f"DELETE FROM audit_event WHERE id >= {ids[4]}")

    assert (await audit.verify_chain()).ok
    report = await verify_trail(KEY, NOW, WITHIN)
    assert any("2 条留痕记录不见了" in p for p in report.problems), report.problems


async def test_a_shortened_trail_is_caught_against_a_checkpoint_kept_outside(
    db: DatabaseUrl, backend: str
) -> None:
    state = await load_state(NOW)
    await _write(3)
    await seal_once(state, KEY, NOW)
    ids = await _write(3, start=3)
    await seal_once(state, KEY, NOW)
    kept = Checkpoint.parse(_printed(await take_checkpoint(KEY, NOW)))
    assert kept.seals == 2
    # whoever owns the tables cuts the last seal, its events and the stored checkpoint
    await as_owner(backend, "audit_event", f"DELETE FROM audit_event WHERE id >= {ids[0]}")
    await as_owner(backend, "audit_seal", "DELETE FROM audit_seal WHERE seq = 2")
    await as_owner(backend, "audit_checkpoint", "DELETE FROM audit_checkpoint")

    assert (await verify_trail(KEY, NOW, WITHIN)).ok  # consistent in itself …
    report = await verify_trail(KEY, NOW, WITHIN, against=kept)  # … but not with the checkpoint
    assert not report.ok
    assert "比" in report.problems[0] and "检查点还短" in report.problems[0]


async def test_a_trail_emptied_and_resealed_without_the_key_is_caught(
    db: DatabaseUrl, backend: str
) -> None:
    await _write(3)
    await seal_once(await load_state(NOW), KEY, NOW)
    kept = await take_checkpoint(KEY, NOW)
    for table in ("audit_event", "audit_seal", "audit_checkpoint"):
        await as_owner(backend, table, f"DELETE FROM {table}")
    await _write(2)
    await seal_once(await load_state(NOW), parse_key("00" * 32), NOW)  # a key of the forger's

    report = await verify_trail(KEY, NOW, WITHIN, against=kept)
    assert any("校验码不对" in p for p in report.problems)
    assert any("检查点不一致" in p for p in report.problems)


async def test_an_event_left_unsealed_past_the_interval_is_reported(db: DatabaseUrl) -> None:
    await _write(1, at=NOW - dt.timedelta(seconds=3))
    (old,) = await _write(1, at=NOW - dt.timedelta(minutes=1))
    report = await verify_trail(KEY, NOW, WITHIN)
    assert report.unsealed_recent == 1
    assert report.problems == [
        f"1 条留痕记录超过时限仍未封存（如第 {old} 号）：请确认服务或 tongnan worker 在运行"
    ]


async def test_the_first_seal_closes_the_chain_written_before_seals(db: DatabaseUrl) -> None:
    prev = audit.GENESIS_HASH
    for n in range(3):  # events as the chained trail wrote them
        at = NOW + dt.timedelta(seconds=n)
        digest = audit.event_hash(
            prev, at, "cli:old", None, "task.updated", "Task", str(n), None, {"n": n}
        )
        await AuditEvent.create(
            occurred_at=at,
            actor="cli:old",
            action="task.updated",
            object_type="Task",
            object_id=str(n),
            after={"n": n},
            prev_hash=prev,
            hash=digest,
        )
        prev = digest
    await _write(2)
    seal = await seal_once(await load_state(NOW), KEY, NOW)

    assert seal is not None and seal.prev_mac == prev and seal.event_count == 5
    chain = await audit.verify_chain()
    assert chain.ok and chain.events == 5 and chain.chain_head == prev
    assert (await verify_trail(KEY, NOW, WITHIN)).ok


async def test_the_sealer_seals_on_its_interval_in_the_background(db: DatabaseUrl) -> None:
    clock = FixedClock(NOW)
    async with run_sealer(db, KEY, clock, interval=0.01):
        written = await _write(4)
        await _until(lambda: _count_sealed(len(written)))
        written += await _write(3, start=4)
        await _until(lambda: _count_sealed(len(written)))
    assert sorted(await _sealed_ids()) == written
    assert (await verify_trail(KEY, NOW, WITHIN)).ok


async def _count_sealed(expected: int) -> bool:
    return len(await _sealed_ids()) >= expected


async def _until(check: object, limit: float = 10.0) -> None:
    """Poll every few milliseconds (the sealer runs every 10 ms here) until ``check`` holds."""
    assert callable(check)
    for _ in range(int(limit / 0.005)):
        if await check():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the sealer did not seal in time")


def _printed(checkpoint: Checkpoint) -> str:
    import json

    return json.dumps(checkpoint.to_json())
