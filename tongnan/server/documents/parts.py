"""The parts every notice shares (moved to ``tongnan.domain.documents.parts``)."""

from tongnan.domain.documents.parts import (
    Imprint,
    Letter,
    RedHeader,
    imprint,
    letter,
    red_header,
)

__all__ = ["Imprint", "Letter", "RedHeader", "imprint", "letter", "red_header"]
