"""Whether a browser request may change state from the page it came from (CSRF), for the routes
that are not GraphQL (/auth, /uploads): the same rule the websocket upgrade on /graphql follows.
No ``Origin`` (not a browser) is allowed; otherwise it must be the server's own host or one of
``TONGNAN_ALLOWED_ORIGINS``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from strawberry.http.websocket_origin import (
    is_same_origin,
    normalize_allowed_origins,
    normalize_origin,
)


def origin_allowed(headers: Mapping[str, str], allowed: Iterable[str]) -> bool:
    origin = headers.get("origin")
    if origin is None:
        return True
    if headers.get("sec-fetch-site") == "same-origin" or is_same_origin(
        origin, headers.get("host")
    ):
        return True
    listed = normalize_allowed_origins(allowed)
    if "*" in listed:
        return True
    normalized = normalize_origin(origin)
    return normalized is not None and normalized in listed
