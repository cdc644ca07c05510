"""Errors a use case reports to its caller: each has a code and names the input field at fault."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Why a request was refused (the GraphQL ``UserErrorCode``)."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID = "INVALID"
    CONFLICT = "CONFLICT"
    PARSE_ERROR = "PARSE_ERROR"
    CONFIRMATION_REQUIRED = "CONFIRMATION_REQUIRED"


class DomainError(Exception):
    """A refusal that leaves storage as it was; ``field`` is the path of the offending input."""

    code: ErrorCode = ErrorCode.INVALID

    def __init__(self, message: str, field: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError, LookupError):
    code = ErrorCode.NOT_FOUND


class Invalid(DomainError, ValueError):
    code = ErrorCode.INVALID


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class Forbidden(DomainError, PermissionError):
    code = ErrorCode.FORBIDDEN


class ConfirmationRequired(DomainError):
    """The request is allowed but unusual: it runs when repeated with ``confirm: true``."""

    code = ErrorCode.CONFIRMATION_REQUIRED
