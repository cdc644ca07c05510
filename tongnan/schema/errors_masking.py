"""Errors a query raised, as the caller sees them.

Refusals (a domain refusal, or a storage error that is the input's fault: an id no row can
have, an overlong text) are said plainly with their code in every environment. Faults in
production: the client gets an error id to quote; the log gets the traceback."""

from __future__ import annotations

import logging
import uuid

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from tongnan.domain.common.database import is_unavailable
from tongnan.domain.common.storage_refusals import as_refusal

log = logging.getLogger("tongnan.errors")


def is_refusal(error: GraphQLError) -> bool:
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and as_refusal(original) is not None
    )


def is_fault(error: GraphQLError) -> bool:
    """An exception our code did not mean to show (a bug), not a refusal nor an outage."""
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and not is_unavailable(original)
        and as_refusal(original) is None
    )


class Refusals(MaskErrors):
    """A refusal raised by a query resolver: its plain message and code, never driver text."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_refusal)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        assert error.original_error is not None
        refusal = as_refusal(error.original_error)
        assert refusal is not None
        return GraphQLError(
            message=refusal.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": str(refusal.code)},
        )


class MaskFaults(MaskErrors):
    """Replace each fault by "服务器内部出错（错误编号 …）" and log it with that id."""

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
            message=f"服务器内部出错（错误编号 {error_id}），请把这个编号告诉管理员",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL", "errorId": error_id},
        )


UNAVAILABLE = "数据库暂时连不上，这次没有保存任何内容，请稍后再试"


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
