"""The documents made from a stored plan, by kind: what the CLI and the HTTP route render."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tongnan.server.documents import division_table, plan_notice
from tongnan.server.documents.render import render_pdf_async


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A kind of document: its template and how to build its context from a plan code."""

    kind: str
    title: str
    template: str
    context: Callable[[str | None], Awaitable[Mapping[str, Any]]]


STORED_DOCUMENTS: dict[str, StoredDocument] = {
    d.kind: d
    for d in (
        StoredDocument(
            "plan-notice",
            "印发通知及工作要点",
            plan_notice.TEMPLATE,
            plan_notice.plan_notice_context,
        ),
        StoredDocument(
            "division-table",
            "责任分工表",
            division_table.TEMPLATE,
            division_table.division_table_context,
        ),
    )
}


class UnknownDocument(LookupError):
    """No document of this kind can be made from a stored plan."""


async def render_stored_document(kind: str, plan_code: str | None = None) -> bytes:
    """The PDF of document ``kind`` for the stored plan ``plan_code`` (default: current plan).

    Raises UnknownDocument for an unknown kind and PlanNotFound when there is no such plan.
    """
    document = STORED_DOCUMENTS.get(kind)
    if document is None:
        known = ", ".join(sorted(STORED_DOCUMENTS))
        raise UnknownDocument(f"no document kind {kind!r} (known: {known})")
    return await render_pdf_async(document.template, await document.context(plan_code))
