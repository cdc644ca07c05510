"""Accountability questions on a plan's responsibility graph (pure: snapshot in, answers out)."""

from tongnan.responsibility_matrix.cache import MatrixRegistry
from tongnan.responsibility_matrix.errors import NotAGroupError, UnknownTaskError, UnknownUnitError
from tongnan.responsibility_matrix.graph import ResponsibilityGraph
from tongnan.responsibility_matrix.matrix import Mark, Matrix, MatrixCell, MatrixColumn, MatrixRow
from tongnan.responsibility_matrix.results import (
    AccountabilityChain,
    AmbiguousLead,
    ChainPath,
    ChainStep,
    Duty,
    Gaps,
    Relation,
    ResolvedUnit,
    Reviewers,
    StepKind,
    TaskRef,
    TaskResponsibility,
    UnexpandedGroup,
    UnitDuties,
    UnitRef,
    UnscopedGroup,
)

__all__ = [
    "AccountabilityChain",
    "AmbiguousLead",
    "ChainPath",
    "ChainStep",
    "Duty",
    "Gaps",
    "Mark",
    "Matrix",
    "MatrixCell",
    "MatrixColumn",
    "MatrixRegistry",
    "MatrixRow",
    "NotAGroupError",
    "Relation",
    "ResolvedUnit",
    "ResponsibilityGraph",
    "Reviewers",
    "StepKind",
    "TaskRef",
    "TaskResponsibility",
    "UnexpandedGroup",
    "UnitDuties",
    "UnitRef",
    "UnknownTaskError",
    "UnknownUnitError",
    "UnscopedGroup",
]
