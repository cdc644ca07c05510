"""``Document``: an issued official document, and the ``DocumentKind`` enum."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain import models
from tongnan.domain.documents.kinds import DocumentKind
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.node import Node

DocumentKindEnum = strawberry.enum(
    DocumentKind,
    name="DocumentKind",
    description="公文种类:进展通报、督查通报、整改台账、催办通知 / progress bulletin, supervision "
    "bulletin, rectification ledger, urge notice.",
)


def pdf_url(key: int) -> str:
    """Where the server prints the document (GET, with the same bearer token)."""
    return f"/documents/{key}.pdf"


@strawberry.type(description="已印发的公文 / An issued document, numbered and stored as printed.")
class Document(Node):
    key: int = strawberry.field(description="数据库编号,用于 PDF 地址 / the number in the URL")
    code: str = strawberry.field(description="发文字号,如 潼巩固专办发〔2025〕2号")
    kind: DocumentKindEnum  # type: ignore[valid-type]
    title: str
    year: int
    number: int = strawberry.field(description="年度序号 / serial number in its series and year")
    issued_on: dt.date
    issued_by: str
    url: str = strawberry.field(description="PDF 地址 / where to GET the PDF")
    content_hash: str = strawberry.field(
        description="快照摘要(sha256)/ hash of the stored snapshot and template"
    )

    @classmethod
    def of(cls, row: models.Document) -> Document:
        return cls(
            id=strawberry.ID(to_global_id("Document", row.id)),
            key=row.id,
            code=row.code,
            kind=DocumentKind(row.kind),
            title=row.title,
            year=row.year,
            number=row.number,
            issued_on=row.issued_on,
            issued_by=row.issued_by,
            url=pdf_url(row.id),
            content_hash=row.content_hash,
        )
