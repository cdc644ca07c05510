"""Proving the audit trail whole with the key: every event's hash, the old hash chain, every
seal's MAC and digest, the seal chain, each event in exactly one seal, and the checkpoints.

Messages are for the office clerk who runs ``tongnan audit verify``: plain Chinese.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from tongnan.domain.common.audit import GENESIS_HASH, UNCHAINED, stored_hash_of
from tongnan.domain.common.audit_seal import decode_ranges, events_digest, from_ranges, mac_of
from tongnan.domain.models import AuditCheckpoint, AuditEvent, AuditSeal

BATCH = 2000


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The head of the seal chain: how many seals, the last one's MAC, and when it was taken."""

    seals: int
    mac: str
    taken_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"seals": self.seals, "mac": self.mac, "at": self.taken_at.isoformat()}

    @classmethod
    def from_json(cls, data: object) -> Checkpoint:
        if not isinstance(data, dict):
            raise ValueError("检查点文件的内容不对：应是 tongnan audit checkpoint 打印的 JSON")
        try:
            return cls(
                seals=int(data["seals"]),
                mac=str(data["mac"]),
                taken_at=dt.datetime.fromisoformat(str(data["at"])),
            )
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                "检查点文件的内容不对：应是 tongnan audit checkpoint 打印的 JSON"
            ) from None

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        try:
            return cls.from_json(json.loads(text))
        except json.JSONDecodeError:
            raise ValueError(
                "检查点文件的内容不对：应是 tongnan audit checkpoint 打印的 JSON"
            ) from None


@dataclass
class TrailReport:
    events: int = 0
    seals: int = 0
    unsealed_recent: int = 0  # events too new to be sealed yet: not a fault
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


async def _check_events(report: TrailReport) -> tuple[dict[int, str], dict[int, dt.datetime], str]:
    """Each event's hash from its fields, and the old chain; returns the hashes, the times and
    the old chain's head."""
    hashes: dict[int, str] = {}
    times: dict[int, dt.datetime] = {}
    head = GENESIS_HASH
    last_id = 0
    while True:
        events = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(BATCH)
        if not events:
            return hashes, times, head
        for event in events:
            last_id = event.id
            report.events += 1
            hashes[event.id] = event.hash
            times[event.id] = event.occurred_at
            chained = event.prev_hash != UNCHAINED
            if chained and event.prev_hash != head:
                report.problems.append(f"第 {event.id} 号留痕记录与前一条接不上（旧的哈希链断了）")
            if stored_hash_of(event, event.prev_hash) != event.hash:
                report.problems.append(f"第 {event.id} 号留痕记录的内容被改过（哈希对不上）")
            if chained:
                head = event.hash


async def _check_seals(
    report: TrailReport, key: bytes, hashes: dict[int, str], legacy_head: str
) -> tuple[set[int], dict[int, str]]:
    """Every seal's MAC, its place in the chain and its digest; returns the sealed ids and each
    seal's MAC by its number."""
    sealed: set[int] = set()
    macs: dict[int, str] = {}
    prev_mac = legacy_head
    last_seq = 0
    while True:
        seals = await AuditSeal.filter(seq__gt=last_seq).order_by("seq").limit(BATCH)
        if not seals:
            return sealed, macs
        for seal in seals:
            report.seals += 1
            if seal.seq != last_seq + 1:
                report.problems.append(f"封存记录缺了第 {last_seq + 1} 至 {seal.seq - 1} 号")
            last_seq = seal.seq
            macs[seal.seq] = seal.mac
            if not hmac.compare_digest(mac_of(seal, key), seal.mac):
                report.problems.append(
                    f"第 {seal.seq} 号封存的校验码不对：封存被改过，或密钥不是这套系统的"
                )
            if seal.prev_mac != prev_mac:
                what = "旧的哈希链" if seal.seq == 1 else f"第 {seal.seq - 1} 号封存"
                report.problems.append(f"第 {seal.seq} 号封存与{what}接不上")
            prev_mac = seal.mac
            ids = from_ranges(decode_ranges(seal.event_ranges))
            if len(ids) != seal.event_count:
                report.problems.append(f"第 {seal.seq} 号封存的记录数对不上")
            missing = [i for i in ids if i not in hashes]
            if missing:
                report.problems.append(
                    f"第 {seal.seq} 号封存的 {len(missing)} 条留痕记录不见了"
                    f"（如第 {missing[0]} 号）"
                )
                continue
            twice = [i for i in ids if i in sealed]
            if twice:
                report.problems.append(
                    f"第 {twice[0]} 号留痕记录被封存了不止一次（又见于第 {seal.seq} 号封存）"
                )
            sealed.update(ids)
            if events_digest([(i, hashes[i]) for i in ids]) != seal.digest:
                report.problems.append(f"第 {seal.seq} 号封存所封的留痕记录被改过（摘要对不上）")


def _check_checkpoint(report: TrailReport, macs: dict[int, str], checkpoint: Checkpoint) -> None:
    if checkpoint.seals == 0:
        return
    mac = macs.get(checkpoint.seals)
    when = checkpoint.taken_at.isoformat(timespec="seconds")
    if mac is None:
        report.problems.append(
            f"留痕比 {when} 的检查点还短：检查点时已有 {checkpoint.seals} 个封存，现在只有 "
            f"{len(macs)} 个（有记录被删掉了）"
        )
    elif not hmac.compare_digest(mac, checkpoint.mac):
        report.problems.append(
            f"第 {checkpoint.seals} 号封存与 {when} 的检查点不一致（留痕被改写过）"
        )


async def verify_trail(
    key: bytes,
    now: dt.datetime,
    seal_within: dt.timedelta,
    against: Checkpoint | None = None,
) -> TrailReport:
    """Check everything with the key; events older than ``seal_within`` must be sealed.

    ``against`` is a checkpoint kept outside the database; the stored checkpoints are checked too.
    """
    report = TrailReport()
    hashes, times, legacy_head = await _check_events(report)
    sealed, macs = await _check_seals(report, key, hashes, legacy_head)
    unsealed = [i for i in hashes if i not in sealed]
    late = [i for i in unsealed if now - times[i] > seal_within]
    report.unsealed_recent = len(unsealed) - len(late)
    if late:
        report.problems.append(
            f"{len(late)} 条留痕记录超过时限仍未封存（如第 {late[0]} 号）："
            "请确认服务或 tongnan worker 在运行"
        )
    for stored in await AuditCheckpoint.all().order_by("id"):
        _check_checkpoint(report, macs, Checkpoint(stored.seals, stored.mac, stored.taken_at))
    if against is not None:
        _check_checkpoint(report, macs, against)
    return report


async def take_checkpoint(key: bytes, now: dt.datetime) -> Checkpoint:
    """Store and return the head of the seal chain; refuses a head whose MAC is wrong."""
    head = await AuditSeal.all().order_by("-seq").first()
    if head is None:
        checkpoint = Checkpoint(0, "", now)
    else:
        if not hmac.compare_digest(mac_of(head, key), head.mac):
            raise ValueError(
                f"第 {head.seq} 号封存的校验码不对：不能在被改过的留痕上记检查点，请先核验"
            )
        checkpoint = Checkpoint(head.seq, head.mac, now)
    await AuditCheckpoint.create(taken_at=now, seals=checkpoint.seals, mac=checkpoint.mac)
    return checkpoint
