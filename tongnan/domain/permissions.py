"""Who may do what: pure rules over an actor's role (and unit), tested without a database."""

from __future__ import annotations

from tongnan.domain.actor import Actor
from tongnan.domain.values import Role


class PermissionDenied(PermissionError):
    """The actor may not perform this action; the message says which action and why."""


OFFICE_ONLY = frozenset({Role.OFFICE_ADMIN})

# action -> roles allowed to perform it
RULES: dict[str, frozenset[Role]] = {
    "plan.import": OFFICE_ONLY,
    "directory.sync": OFFICE_ONLY,
    "token.create": OFFICE_ONLY,
    "token.revoke": OFFICE_ONLY,
}


def may(actor: Actor, action: str) -> bool:
    return actor.role in RULES.get(action, frozenset())


def require(actor: Actor, action: str) -> None:
    if not may(actor, action):
        allowed = ", ".join(sorted(r.value for r in RULES.get(action, frozenset()))) or "nobody"
        raise PermissionDenied(
            f"{actor.name} ({actor.role.value}) may not {action}; allowed: {allowed}"
        )
