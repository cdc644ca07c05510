"""Evidence (佐证材料): files uploaded by a signed-in person (``uploads``), attached to a
rectification item or a progress report (``attach``), and served only to those who may read
what they are attached to (``access``).

This module is the feature's public face: other features import evidence only from here.
"""

from tongnan.domain.evidence.access import readable_upload
from tongnan.domain.evidence.attach import (
    EvidenceTarget,
    attach_evidence,
    evidence_batch,
    evidence_counts,
    evidence_of,
)
from tongnan.domain.evidence.uploads import (
    EmptyFile,
    FileTooLarge,
    UnsupportedFile,
    receive_upload,
    too_large,
)

__all__ = [
    "EmptyFile",
    "EvidenceTarget",
    "FileTooLarge",
    "UnsupportedFile",
    "attach_evidence",
    "evidence_batch",
    "evidence_counts",
    "evidence_of",
    "readable_upload",
    "receive_upload",
    "too_large",
]
