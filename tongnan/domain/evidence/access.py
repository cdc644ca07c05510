"""Who may fetch an uploaded file: before it is attached, its uploader alone; after, whoever
may read the rectification item (the ledger's read rule) or the progress report (a draft's
evidence: its own unit alone) it is attached to. Anyone else is told it does not exist."""

from __future__ import annotations

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.permissions import may_read
from tongnan.domain.models import Evidence, ProgressReport, RectificationItem, Upload
from tongnan.domain.reporting import reviewer_unit_ids, sees_report


async def may_read_report(actor: Actor, report: ProgressReport) -> bool:
    if sees_report(actor, report.status, report.unit_id):
        return True
    if actor.unit_id is None or not sees_report(actor, report.status, report.unit_id, as_lead=True):
        return False
    leads = await reviewer_unit_ids(report)
    return leads is not None and actor.unit_id in leads


async def may_read_evidence(actor: Actor, link: Evidence) -> bool:
    """Whether ``actor`` may read the object ``link`` attaches its upload to."""
    if link.item_id is not None:
        item = await RectificationItem.get_or_none(id=link.item_id)
        return item is not None and may_read(actor, "rectification.read", item.responsible_unit_id)
    if link.report_id is not None:
        report = await ProgressReport.get_or_none(id=link.report_id)
        return report is not None and await may_read_report(actor, report)
    return False


async def readable_upload(actor: Actor | None, upload_id: int) -> Upload | None:
    """The upload when ``actor`` may fetch it; None when it is missing or not theirs to see."""
    if actor is None:
        return None
    upload = await Upload.get_or_none(id=upload_id)
    if upload is None:
        return None
    link = await Evidence.get_or_none(upload_id=upload.id)
    if link is None:
        return upload if upload.uploaded_by == actor.name else None
    return upload if await may_read_evidence(actor, link) else None
