"""Supervision: supervisions (督查), findings, rectification items, the ledger and its .xlsx
files, urge notices (催办).

This module is the feature's public face: other features import supervision only from here.
"""

from tongnan.domain.supervision.ledger import LedgerFilter, LedgerRows, load_items, load_ledger
from tongnan.domain.supervision.ledger_common import Person
from tongnan.domain.supervision.ledger_files import ImportResult, export_ledger, import_ledger
from tongnan.domain.supervision.ledger_xlsx import XLSX_TYPE, SheetError
from tongnan.domain.supervision.rectification import ItemDraft, open_item
from tongnan.domain.supervision.urging import (
    OverdueEntry,
    issue_urge_notice,
    overdue_of_unit,
    urge_counts,
)

__all__ = [
    "XLSX_TYPE",
    "ImportResult",
    "ItemDraft",
    "LedgerFilter",
    "LedgerRows",
    "OverdueEntry",
    "Person",
    "SheetError",
    "export_ledger",
    "import_ledger",
    "issue_urge_notice",
    "load_items",
    "load_ledger",
    "open_item",
    "overdue_of_unit",
    "urge_counts",
]
