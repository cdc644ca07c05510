"""Faults in production: the client gets an error id to quote; the log gets the traceback."""

from __future__ import annotations

import logging
import uuid

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from tongnan.domain.common.database import is_unavailable

log = logging.getLogger("tongnan.errors")


def is_fault(error: GraphQLError) -> bool:
    """An exception our code did not mean to show (a bug), not a refusal nor an outage."""
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and not is_unavailable(original)
    )


class MaskFaults(MaskErrors):
    """Replace each fault by "internal error (id …)" and log it with that id."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_fault)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        error_id = uuid.uuid4().hex[:12]
        original = error.original_error
        log.error(
            "fault %s at %s: %r",
            error_id,
            ".".join(str(p) for p in error.path or ()),
            original,
            exc_info=(type(original), original, original.__traceback__) if original else None,
        )
        return GraphQLError(
            message=f"internal error (id {error_id}); the server log has the details",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL", "errorId": error_id},
        )


UNAVAILABLE = "the database is unavailable; nothing was written; try again shortly"


class DatabaseFaults(MaskErrors):
    """An unreachable database is said plainly (code UNAVAILABLE), in every environment."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_unavailable)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.warning(
            "database unavailable at %s: %r",
            ".".join(str(p) for p in error.path or ()),
            error.original_error,
        )
        return GraphQLError(
            message=UNAVAILABLE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "UNAVAILABLE"},
        )


def _unavailable(error: GraphQLError) -> bool:
    return error.original_error is not None and is_unavailable(error.original_error)
