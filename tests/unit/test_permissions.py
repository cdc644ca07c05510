"""Who may do what: every action of the table × every role."""

from __future__ import annotations

import pytest

from tongnan.domain.actor import Actor
from tongnan.domain.permissions import RULES, PermissionDenied, may, require
from tongnan.domain.values import Role

EXPECTED = {
    "plan.import": {Role.OFFICE_ADMIN},
    "directory.sync": {Role.OFFICE_ADMIN},
    "token.create": {Role.OFFICE_ADMIN},
    "token.revoke": {Role.OFFICE_ADMIN},
}


def test_the_table_covers_exactly_the_known_actions() -> None:
    assert set(RULES) == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_rule(action: str, role: Role) -> None:
    actor = Actor(name="someone", role=role)
    assert may(actor, action) is (role in EXPECTED[action])
    if role in EXPECTED[action]:
        require(actor, action)
    else:
        with pytest.raises(PermissionDenied, match=action):
            require(actor, action)


def test_an_unknown_action_is_denied_to_everyone() -> None:
    assert not may(Actor(name="office", role=Role.OFFICE_ADMIN), "plan.delete_everything")
