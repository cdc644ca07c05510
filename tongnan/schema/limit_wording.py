"""The query limits' refusals (depth, aliases, tokens, introspection) in the clerk's words:
the libraries word them in English, so this extension rewrites those messages and keeps
everything else."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger(__name__)

_WORDING: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"'[^']*' exceeds maximum operation depth of (?P<limit>\d+)"),
        lambda m: f"查询的层级太深（最多 {m['limit']} 层），请减少嵌套后再查",
    ),
    (
        re.compile(r"(?P<count>\d+) aliases found\. Allowed: (?P<limit>\d+)"),
        lambda m: f"一次查询用了 {m['count']} 个别名，最多 {m['limit']} 个，请分几次查询",
    ),
    (
        re.compile(r"Document contains more than (?P<limit>\d+) tokens"),
        lambda m: f"查询语句太长（超过 {m['limit']} 个词），请分几次查询",
    ),
    (
        re.compile(r"GraphQL introspection has been disabled"),
        lambda m: "本系统不对外提供接口结构查询（introspection），请按接口文档查询",
    ),
)


def chinese(message: str) -> str | None:
    """The Chinese wording of a limiter's English ``message``; None for any other message."""
    for pattern, wording in _WORDING:
        if match := pattern.search(message):
            return wording(match)
    return None


def is_limit(error: GraphQLError) -> bool:
    return error.original_error is None and chinese(error.message) is not None


class LimitWording(MaskErrors):
    """Replaces a limit's English message (logged) by its Chinese one."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_limit)

    def on_operation(self) -> Iterator[None]:
        # The token limit is a syntax error raised while the cached parser runs, so it leaves
        # the operation as an exception instead of arriving in the result.
        try:
            yield from super().on_operation()
        except GraphQLError as error:
            if not is_limit(error):
                raise
            raise self.anonymise_error(error) from None

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.info("query refused by a limit: %s", error.message)
        return GraphQLError(
            message=chinese(error.message) or error.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=error.extensions,
        )
