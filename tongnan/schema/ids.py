"""Global object ids (Relay): base64 of ``Type:key``, opaque to clients."""

from __future__ import annotations

import base64
import binascii

from graphql import GraphQLError


def to_global_id(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, int]:
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, key = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        return type_name, int(key)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise GraphQLError(f"{global_id!r} is not an id this API gave out") from None
