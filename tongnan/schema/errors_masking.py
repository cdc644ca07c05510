"""Faults in production: the client gets an error id to quote; the log gets the traceback."""

from __future__ import annotations

import logging
import uuid

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("tongnan.errors")


def is_fault(error: GraphQLError) -> bool:
    """An exception our code did not mean to show (a bug, a database outage), not a refusal."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


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
