"""The words a clerk uses for a progress report's status, for messages about a report."""

from __future__ import annotations

from tongnan.domain.models.reporting import ReportStatus

REPORT_STATUS_WORDS: dict[ReportStatus, str] = {
    ReportStatus.DRAFT: "还是草稿",
    ReportStatus.SUBMITTED: "已报送、正等审核",
    ReportStatus.RETURNED: "已退回修改",
    ReportStatus.ACCEPTED: "已审核通过",
}
