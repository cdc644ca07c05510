"""The urge notice (催办通知) (moved to ``tongnan.domain.documents.urge_notice``)."""

from tongnan.domain.documents.urge_notice import (
    ATTACHMENT,
    TEMPLATE,
    OverdueItem,
    UrgeNotice,
    UrgeRow,
    build_urge_notice,
    urge_notice_context,
)

__all__ = [
    "ATTACHMENT",
    "TEMPLATE",
    "OverdueItem",
    "UrgeNotice",
    "UrgeRow",
    "build_urge_notice",
    "urge_notice_context",
]
