"""Reads: the audit chain's state (the office and supervisors)."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.audit_status import chain_state
from tongnan.domain.common.errors import DomainError
from tongnan.schema.audit.types import AuditChain
from tongnan.schema.common.context import Info
from tongnan.schema.common.permissions import IsAuthenticated


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="留痕链的状态:封存、检查点、待封存记录、最近一次核验(专班办公室、督查)"
        " / The audit chain: seals, checkpoints, events awaiting a seal, the last verification.",
        permission_classes=[IsAuthenticated],
    )
    async def audit_chain(self, info: Info) -> AuditChain:
        try:
            state = await chain_state(info.context.actor)
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return AuditChain.of(state)
