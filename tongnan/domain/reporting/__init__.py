"""Reporting: rounds (调度), who owes which report, drafts and submissions, reviews, the view.

This module is the feature's public face: other features import reporting only from here.
"""

from tongnan.domain.reporting.duties import Duties, DutyResolver, ObligationSpec
from tongnan.domain.reporting.read_scope import sees_report
from tongnan.domain.reporting.reporting_view import (
    DONE,
    ReportingView,
    WarningItem,
    load_reporting_view,
)
from tongnan.domain.reporting.reports import report_event
from tongnan.domain.reporting.reviews import Decision, reviewer_unit_ids
from tongnan.domain.reporting.rounds import open_round, scheduled_round
from tongnan.domain.reporting.target_results import TargetResult, round_target_results

__all__ = [
    "DONE",
    "Decision",
    "Duties",
    "DutyResolver",
    "ObligationSpec",
    "ReportingView",
    "TargetResult",
    "WarningItem",
    "load_reporting_view",
    "open_round",
    "report_event",
    "reviewer_unit_ids",
    "round_target_results",
    "scheduled_round",
    "sees_report",
]
