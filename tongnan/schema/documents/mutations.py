"""``issueDocument``: number a document and store its snapshot; the server prints it on request."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.documents.issuing import issue_document
from tongnan.domain.documents.kinds import IssueRequest
from tongnan.domain.models import Document as DocumentRow
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.documents.types import Document, DocumentKindEnum


@strawberry.input(description="印发公文 / What to issue, and what it is made from.")
class IssueDocumentInput:
    kind: DocumentKindEnum  # type: ignore[valid-type]
    plan_code: str | None = strawberry.field(default=None, description="缺省为当前计划")
    round_id: strawberry.ID | None = strawberry.field(
        default=None, description="进展通报:调度 / the round of a progress bulletin"
    )
    supervision_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="督查通报:督查;整改台账:只列该次督查的问题 / the supervision of a bulletin, "
        "or to narrow a ledger to it",
    )
    urge_notice_id: strawberry.ID | None = strawberry.field(
        default=None, description="催办通知:催办记录 / the stored urge notice"
    )
    title: str | None = strawberry.field(default=None, description="标题(缺省自动生成)")


@strawberry.type
class IssueDocumentPayload:
    document: Document | None
    user_errors: list[UserError]


def _key(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    """The key of an optional input id of ``type_name``."""
    return None if value is None else input_key(value, type_name, (field,))


@strawberry.type
class DocumentsMutation:
    @strawberry.mutation(
        description="印发公文(专班办公室):取下一个文号并保存快照 / Issue a document (office): "
        "the next number of its series and year, stored with the snapshot it prints from."
    )
    async def issue_document(self, info: Info, input: IssueDocumentInput) -> IssueDocumentPayload:
        async def work(actor: Actor) -> DocumentRow:
            request = IssueRequest(
                kind=input.kind,
                plan_code=input.plan_code,
                round_id=_key(input.round_id, "ReportingRound", "roundId"),
                supervision_id=_key(input.supervision_id, "Supervision", "supervisionId"),
                urge_notice_id=_key(input.urge_notice_id, "UrgeNotice", "urgeNoticeId"),
                title=input.title,
            )
            return await issue_document(
                actor, request, info.context.now(), policy=info.context.warning_policy
            )

        row, errors = await run_use_case(info, "issueDocument", work)
        return IssueDocumentPayload(
            document=None if row is None else Document.of(row), user_errors=errors
        )
