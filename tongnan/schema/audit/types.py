"""``AuditChain``: seals, checkpoints, events awaiting a seal and the last verification."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.audit_status import ChainState
from tongnan.domain.models import AuditVerification as VerificationRow


@strawberry.type(description="一次留痕核验 / One verification of the audit trail.")
class AuditVerification:
    verified_at: dt.datetime
    by: str = strawberry.field(description="核验人(命令行核验注明命令行)/ who ran it")
    source: str = strawberry.field(description="cli(命令行)或 web(工作台)")
    ok: bool = strawberry.field(description="完整:未发现问题 / whole, nothing found")
    events: int = strawberry.field(description="核验的留痕记录数 / events checked")
    seals: int = strawberry.field(description="核验的封存数 / seals checked")
    unsealed_recent: int = strawberry.field(description="刚写入、尚待封存的记录数")
    problem_count: int = strawberry.field(description="发现的问题数 / problems found")
    problems: list[str] = strawberry.field(description="发现的问题(至多200条)/ the first 200")
    against_checkpoint: bool = strawberry.field(description="是否与库外检查点核对")
    seconds: float = strawberry.field(description="用时(秒)/ how long it took")

    @classmethod
    def of(cls, row: VerificationRow) -> AuditVerification:
        return cls(
            verified_at=row.verified_at,
            by=row.by,
            source=row.source,
            ok=row.ok,
            events=row.events,
            seals=row.seals,
            unsealed_recent=row.unsealed_recent,
            problem_count=row.problem_count,
            problems=list(row.problems),
            against_checkpoint=row.against_checkpoint,
            seconds=row.seconds,
        )


@strawberry.type(description="最近的封存 / The newest seal.")
class AuditSealInfo:
    seq: int = strawberry.field(description="封存序号 / its number")
    sealed_at: dt.datetime
    event_count: int
    first_event: int = strawberry.field(description="所封记录的最小编号 / lowest event id")
    last_event: int = strawberry.field(description="所封记录的最大编号 / highest event id")


@strawberry.type(description="留痕链的状态 / The audit chain's state.")
class AuditChain:
    events: int = strawberry.field(description="留痕记录总数 / events")
    seals: int = strawberry.field(description="封存数 / seals")
    sealed_events: int = strawberry.field(description="已封存的记录数 / events under a seal")
    unsealed_events: int = strawberry.field(description="尚待封存的记录数 / events awaiting one")
    last_seal: AuditSealInfo | None
    checkpoints: int = strawberry.field(description="检查点数 / checkpoints taken")
    last_checkpoint_at: dt.datetime | None
    last_checkpoint_seals: int | None = strawberry.field(
        description="最近检查点时的封存数 / seals at the last checkpoint"
    )
    last_verification: AuditVerification | None

    @classmethod
    def of(cls, state: ChainState) -> AuditChain:
        seal = state.last_seal
        checkpoint = state.last_checkpoint
        verification = state.last_verification
        return cls(
            events=state.events,
            seals=state.seals,
            sealed_events=state.sealed_events,
            unsealed_events=state.unsealed_events,
            last_seal=None
            if seal is None
            else AuditSealInfo(
                seq=seal.seq,
                sealed_at=seal.sealed_at,
                event_count=seal.event_count,
                first_event=seal.first_event,
                last_event=seal.last_event,
            ),
            checkpoints=state.checkpoints,
            last_checkpoint_at=None if checkpoint is None else checkpoint.taken_at,
            last_checkpoint_seals=None if checkpoint is None else checkpoint.seals,
            last_verification=None if verification is None else AuditVerification.of(verification),
        )
