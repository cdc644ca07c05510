"""Who may do what: pure rules over an actor's role and unit, tested without a database.

Each action names the roles that may perform it, and whether a unit-scoped role may act only for
its own unit (``own_unit``). Every mutation of the API and every CLI write names its action here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Forbidden
from tongnan.domain.common.values import Role


class PermissionDenied(Forbidden):
    """The actor may not perform this action; the message says which action and who may."""


@dataclass(frozen=True, slots=True)
class Rule:
    roles: frozenset[Role]
    own_unit: frozenset[Role] = frozenset()  # roles that may act only for their own unit


OFFICE_ONLY = Rule(frozenset({Role.OFFICE_ADMIN}))
OWN_UNIT_REPORTER = Rule(frozenset({Role.UNIT_REPORTER}), own_unit=frozenset({Role.UNIT_REPORTER}))
# A lead unit reviews its responsible units' reports; the office reviews the leads' reports.
# (Which unit may review which report is decided from the responsibility matrix by the use case.)
REVIEWER = Rule(
    frozenset({Role.UNIT_REPORTER, Role.OFFICE_ADMIN}), own_unit=frozenset({Role.UNIT_REPORTER})
)
# Supervision and rectification (see the block in RULES).
SUPERVISING = Rule(frozenset({Role.OFFICE_ADMIN, Role.SUPERVISOR}))
OFFICE_OR_OWN_UNIT = REVIEWER
# Issued documents: the office issues (numbers) them; anyone signed in may read and print them.
SIGNED_IN = Rule(frozenset(Role))

RULES: dict[str, Rule] = {
    "plan.import": OFFICE_ONLY,
    "directory.sync": OFFICE_ONLY,
    "token.create": OFFICE_ONLY,
    "token.revoke": OFFICE_ONLY,
    "task.assign": OFFICE_ONLY,
    "task.unassign": OFFICE_ONLY,
    "task.set_due_date": OFFICE_ONLY,
    "group.set_members": OFFICE_ONLY,
    # progress reporting
    "round.open": OFFICE_ONLY,
    "round.close": OFFICE_ONLY,
    "report.save": OWN_UNIT_REPORTER,
    "report.submit": OWN_UNIT_REPORTER,
    "report.review": REVIEWER,
    # supervision (督查), findings and rectification ledgers (整改台账): the office and
    # supervisors record what they find; the responsible unit reports on its own items only;
    # only the office changes deadlines or owners, verifies (销号), imports and urges (催办).
    "supervision.create": SUPERVISING,
    "supervision.update": SUPERVISING,
    "finding.create": SUPERVISING,
    "finding.update": SUPERVISING,
    "rectification.open": SUPERVISING,
    "rectification.edit": OFFICE_OR_OWN_UNIT,
    "rectification.reschedule": OFFICE_ONLY,
    "rectification.progress": OWN_UNIT_REPORTER,
    "rectification.verify": OFFICE_ONLY,
    "rectification.import": OFFICE_ONLY,
    "rectification.void": OFFICE_ONLY,
    "urge.issue": OFFICE_ONLY,
    # official documents (发文)
    "document.issue": OFFICE_ONLY,
    "document.read": SIGNED_IN,
}


def may(actor: Actor, action: str, unit_id: int | None = None) -> bool:
    """True when ``actor`` may perform ``action`` (for ``unit_id``, when the action is per unit)."""
    rule = RULES.get(action)
    if rule is None or actor.role not in rule.roles:
        return False
    if actor.role in rule.own_unit:
        return unit_id is not None and unit_id == actor.unit_id
    return True


def require(actor: Actor, action: str, unit_id: int | None = None) -> None:
    if may(actor, action, unit_id):
        return
    rule = RULES.get(action)
    allowed = ", ".join(sorted(r.value for r in rule.roles)) if rule else "nobody"
    if rule is not None and actor.role in rule.own_unit:
        raise PermissionDenied(f"{actor.name} may {action} only for its own unit")
    who = f"{actor.name} ({actor.role.value})"
    raise PermissionDenied(f"{who} may not {action}; allowed: {allowed}")
