"""Official documents: the registry of kinds, what each says (plain values built from stored
data), issuing (发文) and the stored snapshot of an issued document's context.

This module is the feature's public face: other features import documents only from here.
"""

from tongnan.domain.documents.context_snapshot import canonical_json, content_hash, load_snapshot
from tongnan.domain.documents.formatting import allow_quote_breaks
from tongnan.domain.documents.issuing import (
    configured_prefixes,
    get_document,
    issue_document,
    list_documents,
)
from tongnan.domain.documents.kinds import (
    KINDS,
    PLAN_DOCUMENTS,
    DocumentKind,
    IssueRequest,
    PlanDocument,
    prepare,
    printable_kinds,
    urge_notice_ids,
)

__all__ = [
    "KINDS",
    "PLAN_DOCUMENTS",
    "DocumentKind",
    "IssueRequest",
    "PlanDocument",
    "allow_quote_breaks",
    "canonical_json",
    "configured_prefixes",
    "content_hash",
    "get_document",
    "issue_document",
    "list_documents",
    "load_snapshot",
    "prepare",
    "printable_kinds",
    "urge_notice_ids",
]
