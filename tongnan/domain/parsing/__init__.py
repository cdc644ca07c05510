"""Work-plan notice text -> sections, tasks, unit names and targets. Pure: no database, no I/O."""

from tongnan.domain.parsing.model import (
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    PlanParseError,
    Problem,
)
from tongnan.domain.parsing.notice import decode_notice, parse_document, parse_notice
from tongnan.domain.parsing.readers import notice_kind, read_notice_file

__all__ = [
    "ParsedPlan",
    "ParsedSection",
    "ParsedTarget",
    "ParsedTask",
    "PlanParseError",
    "Problem",
    "decode_notice",
    "notice_kind",
    "parse_document",
    "parse_notice",
    "read_notice_file",
]
