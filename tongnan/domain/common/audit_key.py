"""The audit key: 32 random bytes written as 64 hex digits, held outside the database."""

from __future__ import annotations

import secrets

KEY_BYTES = 32


class AuditKeyError(ValueError):
    """The audit key given is not 64 (or more) hex digits."""


def generate_key() -> str:
    """A new key, as the text to keep in a key file or in ``TONGNAN_AUDIT_KEY``."""
    return secrets.token_hex(KEY_BYTES)


def parse_key(text: str) -> bytes:
    """The key's bytes; refuses anything shorter than 32 bytes or not hexadecimal."""
    cleaned = text.strip()
    try:
        key = bytes.fromhex(cleaned)
    except ValueError:
        raise AuditKeyError(
            "留痕密钥格式不对：应为十六进制字符（可用 tongnan audit keygen 生成）"
        ) from None
    if len(key) < KEY_BYTES:
        raise AuditKeyError(f"留痕密钥太短：至少要 {KEY_BYTES * 2} 个十六进制字符")
    return key
