"""Errors raised by the responsibility questions when a task or unit is not in the plan."""

from __future__ import annotations


class UnknownTaskError(LookupError):
    """No task with this number (or id) in the plan."""


class UnknownUnitError(LookupError):
    """No unit with this name (or id) in the plan's directory."""


class NotAGroupError(ValueError):
    """Members were given for a unit that is not a group."""
