"""Storage errors that are the caller's doing, as refusals in plain words.

A key no column can hold (an id of 2^31 or more on PostgreSQL's ``integer``, 2^63 on SQLite)
names nothing stored: not found. A text longer than its column's declared length, or carrying
a character the database cannot store (NUL), is invalid input. Anything else stays a fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tongnan.domain.common.errors import DomainError, Invalid, NotFound

NO_SUCH_RECORD = "找不到这条记录，请核对编号"
TOO_LONG = "填写的内容太长，请删减后再提交"
BAD_CHARACTER = "填写的内容含有无法保存的字符（如空字符），请删去后再提交"

_LENGTH = re.compile(r"^(?P<field>\w+): Length of .* (?P<length>\d+) > (?P<limit>\d+)$", re.S)
_KEY_OVERFLOW = re.compile(r"out of int(32|64) range|too large to convert to SQLite INTEGER")
_TOO_LONG_STATES = {"22001"}  # string_data_right_truncation
_BAD_CHARACTER_STATES = {"22021", "22P05"}  # NUL in text; \u0000 in jsonb


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def as_refusal(exc: BaseException) -> DomainError | None:
    """The refusal ``exc`` stands for, or None when it is a fault (a bug or an outage)."""
    from tortoise.exceptions import ValidationError

    for error in _chain(exc):
        if isinstance(error, DomainError):
            return error
        if isinstance(error, OverflowError) and _KEY_OVERFLOW.search(str(error)):
            return NotFound(NO_SUCH_RECORD)
        if isinstance(error, ValidationError) and (match := _LENGTH.match(str(error))):
            return Invalid(
                f"{TOO_LONG}（最多 {match['limit']} 个字，现有 {match['length']} 个字）",
                (_camel(match["field"]),),
            )
        state = getattr(error, "sqlstate", None)
        if state in _TOO_LONG_STATES:
            return Invalid(TOO_LONG)
        if state in _BAD_CHARACTER_STATES:
            return Invalid(BAD_CHARACTER)
    return None
