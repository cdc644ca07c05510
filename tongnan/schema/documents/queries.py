"""``documents``: the issued documents, newest first; ``document``: one by id."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.errors import DomainError
from tongnan.domain.documents.issuing import get_document, list_documents
from tongnan.domain.documents.kinds import DocumentKind
from tongnan.schema.common.context import Info
from tongnan.schema.common.ids import query_key
from tongnan.schema.common.nodes import finds
from tongnan.schema.common.permissions import IsAuthenticated
from tongnan.schema.documents.types import Document, DocumentKindEnum


@finds("Document")
async def _document_node(info: Info, key: int) -> Document | None:
    actor = info.context.actor
    assert actor is not None  # a signed-in type
    try:
        return Document.of(await get_document(actor, key))
    except DomainError:
        return None  # none such, or not the caller's to read


@strawberry.type
class DocumentsQuery:
    @strawberry.field(
        description="已印发的公文,新的在前 / Issued documents, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def documents(
        self,
        info: Info,
        kind: DocumentKindEnum | None = None,  # type: ignore[valid-type]
        plan_code: str | None = None,
    ) -> list[Document]:
        actor = info.context.actor
        assert actor is not None  # IsAuthenticated
        try:
            rows = await list_documents(
                actor, DocumentKind(kind) if kind is not None else None, plan_code
            )
        except DomainError as error:
            raise GraphQLError(error.message) from None
        return [Document.of(row) for row in rows]

    @strawberry.field(
        description="一份公文 / An issued document by id.", permission_classes=[IsAuthenticated]
    )
    async def document(self, info: Info, id: strawberry.ID) -> Document | None:
        actor = info.context.actor
        assert actor is not None
        key = query_key(id, "Document", "id")
        if key is None:
            return None
        try:
            return Document.of(await get_document(actor, key))
        except DomainError as error:
            if error.code == "NOT_FOUND":
                return None
            raise GraphQLError(error.message) from None
