"""Text written into a spreadsheet (CSV or .xlsx) that the spreadsheet must not run.

A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel and LibreOffice,
whether it came from an .xlsx or a .csv file; every export escapes such text with a leading '
(shown as text), and an import of a sheet this server wrote takes it off again.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading ' (shown as text)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_formula(text: str) -> str:
    """Undo :func:`escape_formula` when a sheet this server wrote is read back."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
