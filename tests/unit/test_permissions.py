"""Who may do what: every action × every role × own/other unit, against a table written out here."""

from __future__ import annotations

import pytest

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.permissions import RULES, PermissionDenied, may, require
from tongnan.domain.common.values import Role

OWN_UNIT, OTHER_UNIT = 7, 8
OFFICE, REPORTER = Role.OFFICE_ADMIN, Role.UNIT_REPORTER
SUPERVISOR = Role.SUPERVISOR

# action -> (roles allowed for their own unit, roles allowed for another unit)
EXPECTED: dict[str, tuple[set[Role], set[Role]]] = {
    "plan.import": ({OFFICE}, {OFFICE}),
    "directory.sync": ({OFFICE}, {OFFICE}),
    "token.create": ({OFFICE}, {OFFICE}),
    "token.revoke": ({OFFICE}, {OFFICE}),
    "task.assign": ({OFFICE}, {OFFICE}),
    "task.unassign": ({OFFICE}, {OFFICE}),
    "task.set_due_date": ({OFFICE}, {OFFICE}),
    "group.set_members": ({OFFICE}, {OFFICE}),
    "round.open": ({OFFICE}, {OFFICE}),
    "round.close": ({OFFICE}, {OFFICE}),
    "report.save": ({REPORTER}, set()),
    "report.submit": ({REPORTER}, set()),
    "report.review": ({REPORTER, OFFICE}, {OFFICE}),
    # supervision and rectification
    "supervision.create": ({OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}),
    "supervision.update": ({OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}),
    "finding.create": ({OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}),
    "finding.update": ({OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}),
    "rectification.open": ({OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}),
    "rectification.edit": ({REPORTER, OFFICE}, {OFFICE}),
    "rectification.reschedule": ({OFFICE}, {OFFICE}),
    "rectification.progress": ({REPORTER}, set()),
    "rectification.verify": ({OFFICE}, {OFFICE}),
    "rectification.import": ({OFFICE}, {OFFICE}),
    "rectification.void": ({OFFICE}, {OFFICE}),
    "urge.issue": ({OFFICE}, {OFFICE}),
    # official documents
    "document.issue": ({OFFICE}, {OFFICE}),
    "document.read": (set(Role), set(Role)),
}


def test_the_table_covers_exactly_the_known_actions() -> None:
    assert set(RULES) == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("target", ["own", "other"])
def test_rule(action: str, role: Role, target: str) -> None:
    actor = Actor(name="someone", role=role, unit_id=OWN_UNIT)
    unit_id = OWN_UNIT if target == "own" else OTHER_UNIT
    allowed = role in EXPECTED[action][0 if target == "own" else 1]
    assert may(actor, action, unit_id) is allowed
    if allowed:
        require(actor, action, unit_id)
    else:
        with pytest.raises(PermissionDenied, match=action.replace(".", r"\.")):
            require(actor, action, unit_id)


def test_an_unknown_action_is_denied_to_everyone() -> None:
    assert not may(Actor(name="office", role=OFFICE), "plan.delete_everything")
    with pytest.raises(PermissionDenied, match="nobody"):
        require(Actor(name="office", role=OFFICE), "plan.delete_everything")
