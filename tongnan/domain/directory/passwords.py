"""Passwords: argon2id hashes (argon2-cffi), what a password must be, and checking one.

Hashing is slow on purpose, so it runs off the event loop. A password is never logged,
audited or returned.
"""

from __future__ import annotations

import asyncio
import functools
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tongnan.domain.common.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128
_HASHER = PasswordHasher()  # argon2id with the library's recommended costs


@functools.cache
def _dummy() -> str:
    """Checked against when the user is unknown, so an unknown name takes as long as a wrong
    password; made at the first such check, not at import (every command would pay for it)."""
    return _HASHER.hash("tongnan-no-such-user")


def check_new_password(password: object, field: tuple[str, ...] = ("password",)) -> str:
    """The password, or Invalid saying what is wrong with it."""
    if not isinstance(password, str):
        raise Invalid("密码应是文字", field)
    if "\x00" in password or any(unicodedata.category(c) == "Cc" for c in password):
        raise Invalid("密码不能含控制字符", field)
    if len(password) < MIN_LENGTH:
        raise Invalid(f"密码至少要{MIN_LENGTH}个字符", field)
    if len(password) > MAX_LENGTH:
        raise Invalid(f"密码最多{MAX_LENGTH}个字符", field)
    if password.strip() == "" or len(set(password)) < 3:
        raise Invalid("密码过于简单，请换一个", field)
    return password


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_HASHER.hash, password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _dummy(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: no password set; never matches, but takes
    as long as a real check)."""
    if len(password) > MAX_LENGTH:
        return False
    return await asyncio.to_thread(_verify, stored, password)
