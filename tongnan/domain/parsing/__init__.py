"""Work-plan notice text -> sections, tasks, unit names and targets. Pure: no database, no I/O."""

from tongnan.domain.parsing.model import (
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    PlanParseError,
    Problem,
)
from tongnan.domain.parsing.notice import decode_notice, parse_notice

__all__ = [
    "ParsedPlan",
    "ParsedSection",
    "ParsedTarget",
    "ParsedTask",
    "PlanParseError",
    "Problem",
    "decode_notice",
    "parse_notice",
]
