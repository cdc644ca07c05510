"""Whether a browser request may change state from the page it came from (CSRF): the same rule
the websocket upgrade uses. No ``Origin`` (not a browser) is allowed; otherwise it must be the
server's own host or one of ``TONGNAN_ALLOWED_ORIGINS``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from strawberry.http.websocket_origin import is_same_origin, normalize_origin


def origin_allowed(headers: Mapping[str, str], allowed: Collection[str]) -> bool:
    origin = headers.get("origin")
    if origin is None:
        return True
    if is_same_origin(origin, headers.get("host")):
        return True
    normalized = normalize_origin(origin)
    if normalized is None:
        return False
    return "*" in allowed or normalized in {normalize_origin(o) for o in allowed}
