"""Tortoise models: the stored shape of plans, units, assignments, access and audit.

Alembic owns the DDL (``tongnan/migrations``); these classes only map the tables.
"""

from tongnan.domain.models.access import ApiToken, Session, User
from tongnan.domain.models.audit import (
    AuditCheckpoint,
    AuditEvent,
    AuditSeal,
    AuditVerification,
)
from tongnan.domain.models.documents import Document, DocumentCounter
from tongnan.domain.models.evidence import Evidence, StoredBlob, Upload
from tongnan.domain.models.notifications import (
    CalendarFeed,
    DeliveryAttempt,
    Notification,
    NotificationChannel,
    NotificationDelivery,
)
from tongnan.domain.models.plans import (
    Assignment,
    Section,
    Target,
    TargetShare,
    Task,
    WorkPlan,
)
from tongnan.domain.models.reporting import (
    IdempotencyKey,
    Obligation,
    ProgressReport,
    ReportingRound,
    TargetValue,
)
from tongnan.domain.models.supervision import (
    Finding,
    RectificationItem,
    RectificationUpdate,
    Supervision,
    UrgeNotice,
)
from tongnan.domain.models.units import GroupMember, Unit, UnitAlias

__models__ = [
    Unit,
    UnitAlias,
    GroupMember,
    WorkPlan,
    Section,
    Task,
    Assignment,
    Target,
    TargetShare,
    User,
    ApiToken,
    Session,
    AuditEvent,
    AuditSeal,
    AuditCheckpoint,
    AuditVerification,
    ReportingRound,
    Obligation,
    ProgressReport,
    TargetValue,
    IdempotencyKey,
    # supervision and rectification
    Supervision,
    Finding,
    RectificationItem,
    RectificationUpdate,
    UrgeNotice,
    # issued documents
    DocumentCounter,
    Document,
    # files (佐证材料)
    StoredBlob,
    Upload,
    Evidence,
    # notifications
    NotificationChannel,
    Notification,
    NotificationDelivery,
    DeliveryAttempt,
    CalendarFeed,
]

__all__ = [
    "ApiToken",
    "Assignment",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditSeal",
    "AuditVerification",
    "CalendarFeed",
    "DeliveryAttempt",
    "Document",
    "DocumentCounter",
    "Evidence",
    "Finding",
    "GroupMember",
    "IdempotencyKey",
    "Notification",
    "NotificationChannel",
    "NotificationDelivery",
    "Obligation",
    "ProgressReport",
    "RectificationItem",
    "RectificationUpdate",
    "ReportingRound",
    "Section",
    "Session",
    "StoredBlob",
    "Supervision",
    "Target",
    "TargetShare",
    "TargetValue",
    "Task",
    "Unit",
    "UnitAlias",
    "Upload",
    "UrgeNotice",
    "User",
    "WorkPlan",
]
