"""The plan's own documents (registered in ``tongnan.domain.documents``) printed to PDF."""

from __future__ import annotations

from tongnan.domain.documents import PLAN_DOCUMENTS
from tongnan.server.documents.render import render_pdf_async


class UnknownDocument(LookupError):
    """No document of this kind can be made from a stored plan."""


async def render_stored_document(kind: str, plan_code: str | None = None) -> bytes:
    """The PDF of document ``kind`` for the stored plan ``plan_code`` (default: current plan).

    Raises UnknownDocument for an unknown kind and PlanNotFound when there is no such plan.
    """
    document = PLAN_DOCUMENTS.get(kind)
    if document is None:
        known = ", ".join(sorted(PLAN_DOCUMENTS))
        raise UnknownDocument(f"没有“{kind}”这种文件，可以出具的有：{known}")
    return await render_pdf_async(document.template, await document.context(plan_code))
