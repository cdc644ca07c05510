"""Writes: verify the audit trail now (the office's 立即核验), recorded and audited."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.audit_status import chain_state, verify_and_record
from tongnan.domain.common.errors import Invalid
from tongnan.schema.audit.types import AuditChain, AuditVerification
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.use_case import run_use_case


@strawberry.type
class VerifyAuditTrailPayload:
    verification: AuditVerification | None
    chain: AuditChain | None
    user_errors: list[UserError]


@strawberry.type
class AuditMutation:
    @strawberry.mutation(
        description="立即核验留痕(专班办公室):逐条核对哈希、封存和检查点,结果留存"
        " / Verify the audit trail now (office); the outcome is stored."
    )
    async def verify_audit_trail(self, info: Info) -> VerifyAuditTrailPayload:
        async def work(actor: Actor) -> tuple[AuditVerification, AuditChain]:
            verifying = info.context.audit
            if verifying is None:
                raise Invalid(
                    "本服务没有配置留痕密钥，无法核验；请在服务器上运行 tongnan audit verify"
                )
            row = await verify_and_record(
                actor, verifying.key, info.context.now(), verifying.seal_within, source="web"
            )
            return AuditVerification.of(row), AuditChain.of(await chain_state(actor))

        done, errors = await run_use_case(info, "verifyAuditTrail", work)
        if done is None:
            return VerifyAuditTrailPayload(verification=None, chain=None, user_errors=errors)
        return VerifyAuditTrailPayload(verification=done[0], chain=done[1], user_errors=[])
