"""Running a use case for a mutation: the caller must be signed in; refusals become userErrors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import DomainError
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError, from_domain, sign_in_required

T = TypeVar("T")


async def run_use_case(
    info: Info, name: str, work: Callable[[Actor], Awaitable[T]]
) -> tuple[T | None, list[UserError]]:
    """``(result, [])`` after a committed write, or ``(None, errors)`` with nothing written."""
    actor = info.context.actor
    if actor is None:
        return None, sign_in_required(name)
    try:
        result = await work(actor)
    except DomainError as error:
        return None, from_domain(error)
    info.context.after_write()
    return result, []
