"""GraphQL over HTTP response media types: ``application/graphql-response+json`` when the
caller accepts it, else ``application/json`` for older clients.

With the new type, a request that never ran (its document did not parse or validate, or its
variables could not be coerced) is HTTP 400 without a ``data`` entry; with ``application/json``
it stays 200, as such clients expect.
"""

from __future__ import annotations

from typing import Final

from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
LEGACY_JSON: Final = "application/json"


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value.strip())
            except ValueError:
                return 0.0
    return 1.0


def prefers_graphql_response(accept: str | None) -> bool:
    """Whether the Accept header ranks the new type at least as high as application/json."""
    ranks: dict[str, float] = {}
    for entry in (accept or "").split(","):
        media_type, *parameters = entry.split(";")
        media_type = media_type.strip().lower()
        ranks[media_type] = max(ranks.get(media_type, 0.0), _quality(parameters))
    wanted = ranks.get(GRAPHQL_RESPONSE, 0.0)
    return wanted > 0 and wanted >= ranks.get(LEGACY_JSON, 0.0)


def is_request_error(result: ExecutionResult) -> bool:
    """The operation never ran: no data, and no error belongs to a field (parse, validation,
    variable coercion and the request limits have no path)."""
    return (
        result.data is None
        and bool(result.errors)
        and all(e.path is None for e in result.errors or [])
    )
