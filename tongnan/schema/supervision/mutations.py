"""The supervision feature's ``Mutation`` fields: one mutation per action."""

from __future__ import annotations

import strawberry

from tongnan.schema.supervision.finding_mutations import (
    create_finding,
    open_rectification_item,
    update_finding,
)
from tongnan.schema.supervision.item_mutations import (
    record_rectification_progress,
    reject_rectification_item,
    update_rectification_item,
    verify_rectification_item,
    void_rectification_item,
)
from tongnan.schema.supervision.ledger_import import import_rectification_ledger
from tongnan.schema.supervision.ledger_preview import apply_ledger_import, preview_ledger_import
from tongnan.schema.supervision.supervision_mutations import (
    create_supervision,
    update_supervision,
)
from tongnan.schema.supervision.urge_mutations import issue_urge_notice


@strawberry.type
class SupervisionMutation:
    create_supervision = create_supervision
    update_supervision = update_supervision
    create_finding = create_finding
    update_finding = update_finding
    open_rectification_item = open_rectification_item
    update_rectification_item = update_rectification_item
    record_rectification_progress = record_rectification_progress
    verify_rectification_item = verify_rectification_item
    reject_rectification_item = reject_rectification_item
    issue_urge_notice = issue_urge_notice
    void_rectification_item = void_rectification_item
    import_rectification_ledger = import_rectification_ledger
    preview_ledger_import = preview_ledger_import
    apply_ledger_import = apply_ledger_import
