"""Asking "are you sure?": the one shape of every confirmation the API asks for.

A use case that may do something unusual takes ``confirm`` (false by default) and calls
``confirm_or_ask``: unconfirmed, the request is refused with a ``CONFIRMATION_REQUIRED`` user
error on the field that makes it unusual, whose message says what is unusual and to send the
same request again with ``confirm: true``; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from tongnan.domain.common.errors import ConfirmationRequired

HOW = "如确需这样做，请加上 confirm: true 再提交一次"


def confirm_or_ask(confirmed: bool, question: str, field: Sequence[str]) -> None:
    """Return when ``confirmed``; otherwise refuse with ``question`` (what is unusual)."""
    if not confirmed:
        raise ConfirmationRequired(f"{question}。{HOW}", tuple(field))
