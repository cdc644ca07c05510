"""Who may do and read what: every write and read action × every role (and anonymous callers) ×
own/other unit, against tables written out here; refusals in a clerk's words."""

from __future__ import annotations

import pytest

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.permissions import (
    READS,
    RULES,
    PermissionDenied,
    may,
    may_read,
    require,
    require_read,
)
from tongnan.domain.common.values import Role
from tongnan.domain.models.reporting import ReportStatus
from tongnan.domain.reporting.read_scope import sees_report

OWN_UNIT, OTHER_UNIT = 7, 8
OFFICE, REPORTER = Role.OFFICE_ADMIN, Role.UNIT_REPORTER
SUPERVISOR, VIEWER = Role.SUPERVISOR, Role.VIEWER
EVERYONE = set(Role)
OVERSEERS = {OFFICE, SUPERVISOR, VIEWER}

# action -> (roles allowed for their own unit, roles allowed for another unit)
EXPECTED: dict[str, tuple[set[Role], set[Role]]] = {
    "plan.import": ({OFFICE}, {OFFICE}),
    "directory.sync": ({OFFICE}, {OFFICE}),
    "token.create": ({OFFICE}, {OFFICE}),
    "token.revoke": ({OFFICE}, {OFFICE}),
    # accounts: the office opens, disables and resets; everyone keeps their own password/tokens
    "user.create": ({OFFICE}, {OFFICE}),
    "user.disable": ({OFFICE}, {OFFICE}),
    "user.reset_password": ({OFFICE}, {OFFICE}),
    "account.change_password": (EVERYONE, EVERYONE),
    "token.own": (EVERYONE, EVERYONE),
    "task.assign": ({OFFICE}, {OFFICE}),
    "task.unassign": ({OFFICE}, {OFFICE}),
    "task.set_due_date": ({OFFICE}, {OFFICE}),
    "target.set_scope": ({OFFICE}, {OFFICE}),
    "target.set_shares": ({OFFICE}, {OFFICE}),
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
    # evidence
    "upload.create": ({OFFICE, REPORTER}, {OFFICE, REPORTER}),
    "evidence.attach_item": ({REPORTER, OFFICE}, {OFFICE}),
    "evidence.attach_report": ({REPORTER}, set()),
    # official documents
    "document.issue": ({OFFICE}, {OFFICE}),
    # notifications
    "notify.set_channel": ({REPORTER, OFFICE}, {OFFICE}),
    "notify.mark_read": (EVERYONE, set()),
    "notify.resend": ({OFFICE}, {OFFICE}),
    "audit.verify": ({OFFICE}, {OFFICE}),
    "calendar.create": ({REPORTER, OFFICE}, {OFFICE}),
    "calendar.revoke": ({REPORTER, OFFICE}, {OFFICE}),
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
        with pytest.raises(PermissionDenied) as refused:
            require(actor, action, unit_id)
        assert action not in refused.value.message  # never an internal name
        assert role.value not in refused.value.message
        assert "someone" in refused.value.message


def test_an_unknown_action_is_denied_to_everyone() -> None:
    assert not may(Actor(name="office", role=OFFICE), "plan.delete_everything")
    with pytest.raises(PermissionDenied, match="没有这项操作"):
        require(Actor(name="office", role=OFFICE), "plan.delete_everything")


def test_a_refusal_speaks_as_a_clerk_would() -> None:
    town = Actor(name="u", role=REPORTER, unit_id=OWN_UNIT, unit_name="米心镇")
    with pytest.raises(PermissionDenied) as own:
        require(town, "rectification.progress", OTHER_UNIT)
    assert own.value.message == "米心镇只能填报本单位的整改进展"
    with pytest.raises(PermissionDenied) as office_only:
        require(town, "plan.import")
    assert office_only.value.message == "米心镇无权导入工作要点(仅限专班办公室)"


@pytest.mark.parametrize("action", sorted(RULES))
def test_every_write_is_named_in_chinese(action: str) -> None:
    rule = RULES[action]
    assert rule.verb and rule.thing
    assert not any(c.isascii() and c.isalpha() for c in rule.verb + rule.thing)


# Reads. action -> (anonymous?, roles reading every unit's rows, roles reading their own unit's
# rows, roles also reading what they review as a task's lead unit)
READ_EXPECTED: dict[str, tuple[bool, set[Role], set[Role], set[Role]]] = {
    "plan.read": (True, EVERYONE, EVERYONE, set()),
    "matrix.read": (False, EVERYONE, EVERYONE, set()),
    "plan.warning_levels": (False, EVERYONE, EVERYONE, set()),
    "round.read": (False, EVERYONE, EVERYONE, set()),
    # a submitted report: the office, supervisors, viewers; its unit; its lead reviewers
    "report.read": (False, OVERSEERS, OVERSEERS | {REPORTER}, {REPORTER}),
    # a draft: its own unit alone, not even the office
    "report.draft": (False, set(), {REPORTER}, set()),
    "warning.read": (False, OVERSEERS, OVERSEERS | {REPORTER}, set()),
    "supervision.read": (False, OVERSEERS, OVERSEERS, set()),
    "rectification.read": (False, OVERSEERS, OVERSEERS | {REPORTER}, set()),
    "urge.read": (False, OVERSEERS, OVERSEERS | {REPORTER}, set()),
    "document.read": (False, OVERSEERS, OVERSEERS | {REPORTER}, set()),
    "audit.read": (False, EVERYONE, EVERYONE, set()),
    # the chain's state: the office and supervisors
    "audit.chain": (False, {OFFICE, SUPERVISOR}, {OFFICE, SUPERVISOR}, set()),
    # the accounts: the office alone; one's own tokens: every signed-in caller
    "user.read": (False, {OFFICE}, {OFFICE}, set()),
    "token.own": (False, EVERYONE, EVERYONE, set()),
    # any account's API tokens: the office alone
    "token.read": (False, {OFFICE}, {OFFICE}, set()),
    "notify.channels": (False, {OFFICE}, {OFFICE, REPORTER}, set()),
    "notify.inbox": (False, set(), EVERYONE, set()),
    "notify.deliveries": (False, {OFFICE}, {OFFICE}, set()),
}


def test_the_read_table_covers_exactly_the_known_reads() -> None:
    assert set(READS) == set(READ_EXPECTED)


@pytest.mark.parametrize("action", sorted(READ_EXPECTED))
def test_read_by_an_anonymous_caller(action: str) -> None:
    assert may_read(None, action, OWN_UNIT) is READ_EXPECTED[action][0]
    if not READ_EXPECTED[action][0]:
        with pytest.raises(PermissionDenied, match="登录"):
            require_read(None, action, OWN_UNIT)


@pytest.mark.parametrize("action", sorted(READ_EXPECTED))
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("target", ["own", "other", "other, reviewed as lead"])
def test_read_rule(action: str, role: Role, target: str) -> None:
    _, every, own, lead = READ_EXPECTED[action]
    actor = Actor(name="someone", role=role, unit_id=OWN_UNIT)
    unit_id = OWN_UNIT if target == "own" else OTHER_UNIT
    as_lead = target.endswith("lead")
    allowed = role in own if target == "own" else role in every or (as_lead and role in lead)
    assert may_read(actor, action, unit_id, as_lead=as_lead) is allowed


# What a caller reads of a report (and hears of it on a subscription): the draft rule and the
# report rule together. status -> target -> roles that read it
REPORT_EXPECTED: dict[ReportStatus, dict[str, set[Role]]] = {
    ReportStatus.DRAFT: {"own": {REPORTER}, "other": set(), "other, reviewed as lead": set()},
    ReportStatus.SUBMITTED: {
        "own": EVERYONE,
        "other": OVERSEERS,
        "other, reviewed as lead": EVERYONE,
    },
}


@pytest.mark.parametrize("status", list(REPORT_EXPECTED))
@pytest.mark.parametrize("role", [None, *Role])
@pytest.mark.parametrize("target", ["own", "other", "other, reviewed as lead"])
def test_who_reads_a_report(status: ReportStatus, role: Role | None, target: str) -> None:
    actor = None if role is None else Actor(name="someone", role=role, unit_id=OWN_UNIT)
    unit_id = OWN_UNIT if target == "own" else OTHER_UNIT
    allowed = role is not None and role in REPORT_EXPECTED[status][target]
    assert sees_report(actor, status, unit_id, as_lead=target.endswith("lead")) is allowed
