"""A stored value is read back whatever it holds: what is not a number reads as NaN, no error."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tongnan.domain.models import Target, TargetValue

FIELDS = [
    TargetValue._meta.fields_map["value"],
    TargetValue._meta.fields_map["baseline_value"],
    Target._meta.fields_map["threshold"],
]


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.model_field_name)
@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("8700.0000", "8700.0000"),
        ("24000", "24000.0000"),
        (None, None),
        ("NaN", "NaN"),
        ("Infinity", "NaN"),  # cannot be given the column's 4 decimals
        ("-Infinity", "NaN"),
        ("1E+999999", "NaN"),
        ("约两万", "NaN"),
        ("", "NaN"),
    ],
)
def test_stored_value_reads_without_error(field: Any, stored: str | None, read: str | None) -> None:
    value = field.to_python_value(stored)
    assert (None if value is None else str(value)) == read
    if value is not None:
        assert isinstance(value, Decimal)
