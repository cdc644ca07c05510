"""Text conventions of official documents (moved to ``tongnan.domain.documents.formatting``)."""

from tongnan.domain.documents.formatting import (
    TYPE_AREA_WIDTH_PT,
    addressee_line,
    allow_quote_breaks,
    annotation,
    cn_date,
    full_width,
    join_units,
    mark_layout,
    split_lead_sentence,
)

__all__ = [
    "TYPE_AREA_WIDTH_PT",
    "addressee_line",
    "allow_quote_breaks",
    "annotation",
    "cn_date",
    "full_width",
    "join_units",
    "mark_layout",
    "split_lead_sentence",
]
