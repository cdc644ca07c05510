"""Column types of our own: a DECIMAL that reads back whatever the database holds."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise import fields


class StoredDecimalField(fields.DecimalField):  # type: ignore[type-arg]
    """A DECIMAL column read without ever failing: a stored value that is not a number the
    column can hold (NaN, an infinity, text written by hand) reads as NaN, never an error.
    Whoever reads it decides what NaN means (a target value: NOT_EVALUABLE)."""

    def to_python_value(self, value: Any) -> Decimal | None:
        try:
            return super().to_python_value(value)
        except (InvalidOperation, ValueError, TypeError):
            return Decimal("NaN")
