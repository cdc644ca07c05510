"""Running a use case for a mutation: the caller must be signed in; refusals become userErrors
(domain refusals, and storage errors that are the input's fault: see ``storage_refusals``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.storage_refusals import as_refusal
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
    except Exception as error:
        refusal = as_refusal(error)
        if refusal is None:
            raise
        return None, from_domain(refusal)
    info.context.after_write()
    return result, []
