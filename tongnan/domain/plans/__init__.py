"""The work plan: importing a notice, the plan's read view and snapshot, assignments, groups.

This module is the feature's public face: other features import plans only from here.
"""

from tongnan.domain.plans.bundled import bundled_directory, bundled_plan
from tongnan.domain.plans.plan_import import ImportResult, import_plan
from tongnan.domain.plans.plan_preview import (
    NewUnit,
    PlanImportPreview,
    apply_plan_import,
    preview_plan_import,
)
from tongnan.domain.plans.plan_snapshot import PlanSnapshot, TaskRecord, UnitRecord
from tongnan.domain.plans.plan_view import PlanView, load_plan_view

__all__ = [
    "ImportResult",
    "NewUnit",
    "PlanImportPreview",
    "PlanSnapshot",
    "PlanView",
    "TaskRecord",
    "UnitRecord",
    "apply_plan_import",
    "bundled_directory",
    "bundled_plan",
    "import_plan",
    "load_plan_view",
    "preview_plan_import",
]
