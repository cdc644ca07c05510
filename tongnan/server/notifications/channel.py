"""What every channel implements: send one message with its idempotency key, or raise
``SendFailed`` saying why (the worker records it and tries again later)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

IDEMPOTENCY_HEADER = "X-Tongnan-Idempotency-Key"


class SendFailed(Exception):
    """The receiver did not acknowledge the message."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    key: str
    title: str
    body: str
    link: str
    base_url: str


@dataclass(frozen=True, slots=True)
class Destination:
    """Where one unit's channel sends: the shown address and the opened secrets."""

    address: str
    secrets: dict[str, str]


class Channel(Protocol):
    async def send(self, message: Outgoing, to: Destination) -> None: ...
