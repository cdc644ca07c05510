"""Notifications (issue 18): the outbox written with the events that need a person's attention,
the units' channels (secrets sealed), the inbox, the office's view of deliveries and dead
letters, the daily warning digest and each unit's calendar feed.

Other features use it only through this module: the hooks below are called inside the causing
use case's UnitOfWork, so a notification commits or rolls back with its event.
"""

from tongnan.domain.notifications.events import (
    document_issued,
    item_rejected,
    report_returned,
    round_opened,
    urge_issued,
)

__all__ = [
    "document_issued",
    "item_rejected",
    "report_returned",
    "round_opened",
    "urge_issued",
]
