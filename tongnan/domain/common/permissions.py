"""Who may do what, and who may read what: pure rules over an actor's role and unit.

Two tables side by side: ``RULES`` (writes) and ``READS`` (reads). Each action names the roles
that may perform it, the roles that may do so only for their own unit, and says in a clerk's
words what it is (a verb and a thing), so a refusal reads "米心镇只能填报本单位的整改进展" and
never shows an internal action name. Every mutation of the API and every CLI write names its
write action here; every read path (queries, subscriptions, exports, documents) asks ``READS``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Forbidden
from tongnan.domain.common.values import Role


class PermissionDenied(Forbidden):
    """The actor may not perform this action; the message says so in plain words."""


ROLE_NAMES: dict[Role, str] = {
    Role.OFFICE_ADMIN: "专班办公室",
    Role.UNIT_REPORTER: "责任单位",
    Role.SUPERVISOR: "督查人员",
    Role.VIEWER: "查阅人员",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A write: who may, who only for their own unit, and what it is called (动词 + 对象)."""

    roles: frozenset[Role]
    own_unit: frozenset[Role] = frozenset()  # roles that may act only for their own unit
    verb: str = ""
    thing: str = ""

    def called(self, verb: str, thing: str) -> Rule:
        return replace(self, verb=verb, thing=thing)


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
ANY_USER = Rule(frozenset(Role))  # every signed-in caller, for what is their own

RULES: dict[str, Rule] = {
    "plan.import": OFFICE_ONLY.called("导入", "工作要点"),
    "directory.sync": OFFICE_ONLY.called("同步", "单位名录"),
    "token.create": OFFICE_ONLY.called("发放", "访问令牌"),
    "token.revoke": OFFICE_ONLY.called("吊销", "访问令牌"),  # any account's (CLI, 账号管理)
    # accounts: the office opens, disables and resets them; everyone keeps their own password
    # and their own API tokens
    "user.create": OFFICE_ONLY.called("开设", "用户账号"),
    "user.disable": OFFICE_ONLY.called("停用", "用户账号"),
    "user.reset_password": OFFICE_ONLY.called("重置", "用户账号的密码"),
    "account.change_password": ANY_USER.called("修改", "自己的密码"),
    "token.own": ANY_USER.called("管理", "自己的访问令牌"),
    "task.assign": OFFICE_ONLY.called("调整", "任务分工"),
    "task.unassign": OFFICE_ONLY.called("撤销", "任务分工"),
    "task.set_due_date": OFFICE_ONLY.called("设定", "任务完成时限"),
    "target.set_scope": OFFICE_ONLY.called("设定", "指标的判定口径"),
    "target.set_shares": OFFICE_ONLY.called("分解", "指标任务到各单位"),
    "group.set_members": OFFICE_ONLY.called("确定", "集体单位的成员"),
    # progress reporting
    "round.open": OFFICE_ONLY.called("发起", "调度"),
    "round.close": OFFICE_ONLY.called("结束", "调度"),
    "report.save": OWN_UNIT_REPORTER.called("填写", "进展报告"),
    "report.submit": OWN_UNIT_REPORTER.called("报送", "进展报告"),
    "report.review": REVIEWER.called("审核", "进展报告"),
    # supervision (督查), findings and rectification ledgers (整改台账): the office and
    # supervisors record what they find; the responsible unit reports on its own items only;
    # only the office changes deadlines or owners, verifies (销号), imports and urges (催办).
    "supervision.create": SUPERVISING.called("登记", "督查"),
    "supervision.update": SUPERVISING.called("修改", "督查"),
    "finding.create": SUPERVISING.called("登记", "发现的问题"),
    "finding.update": SUPERVISING.called("修改", "发现的问题"),
    "rectification.open": SUPERVISING.called("建立", "整改事项"),
    "rectification.edit": OFFICE_OR_OWN_UNIT.called("修改", "整改事项"),
    "rectification.reschedule": OFFICE_ONLY.called("调整", "整改时限或责任单位"),
    "rectification.progress": OWN_UNIT_REPORTER.called("填报", "整改进展"),
    "rectification.verify": OFFICE_ONLY.called("销号", "整改事项"),
    "rectification.import": OFFICE_ONLY.called("导入", "整改台账"),
    "rectification.void": OFFICE_ONLY.called("作废", "整改事项"),
    "urge.issue": OFFICE_ONLY.called("发出", "催办通知"),
    # evidence (佐证材料): uploaded by the office or a unit, attached by whoever may change
    # the item (its unit or the office) or the report (its own unit)
    "upload.create": Rule(frozenset({Role.OFFICE_ADMIN, Role.UNIT_REPORTER})).called(
        "上传", "佐证材料"
    ),
    "evidence.attach_item": OFFICE_OR_OWN_UNIT.called("添加", "整改事项的佐证材料"),
    "evidence.attach_report": OWN_UNIT_REPORTER.called("添加", "进展报告的佐证材料"),
    # official documents (发文)
    "document.issue": OFFICE_ONLY.called("印发", "公文"),
    # notifications: a unit sets its own channels and calendar feed; each reads its own inbox;
    # the office sends a dead letter again
    "notify.set_channel": OFFICE_OR_OWN_UNIT.called("设置", "消息推送渠道"),
    "notify.mark_read": Rule(frozenset(Role), own_unit=frozenset(Role)).called("标记", "站内消息"),
    "notify.resend": OFFICE_ONLY.called("重发", "消息"),
    "calendar.create": OFFICE_OR_OWN_UNIT.called("生成", "日历订阅地址"),
    "calendar.revoke": OFFICE_OR_OWN_UNIT.called("吊销", "日历订阅地址"),
    # the audit trail: the office verifies it (recorded, audited)
    "audit.verify": OFFICE_ONLY.called("核验", "审计留痕"),
}


@dataclass(frozen=True, slots=True)
class ReadRule:
    """A read: whether anonymous callers may, the roles that read every unit's rows, the roles
    that read their own unit's rows only, and the roles that also read what they review as a
    task's lead unit."""

    anonymous: bool
    every_unit: frozenset[Role]
    own_unit: frozenset[Role] = frozenset()
    as_lead: frozenset[Role] = frozenset()
    verb: str = "查看"
    thing: str = ""


_EVERYONE = frozenset(Role)
_OVERSEERS = frozenset({Role.OFFICE_ADMIN, Role.SUPERVISOR, Role.VIEWER})
_UNIT = frozenset({Role.UNIT_REPORTER})
_OFFICE = frozenset({Role.OFFICE_ADMIN})

# The published plan is public. A draft is seen by its own unit alone, not even the office
# ("report.draft"); every other report by the office, supervisors and viewers, its own unit
# and the task's lead units that review it ("report.read").
READS: dict[str, ReadRule] = {
    "plan.read": ReadRule(True, _EVERYONE, thing="工作要点(部分、任务、单位、指标定义)"),
    "matrix.read": ReadRule(False, _EVERYONE, thing="责任链和分工矩阵"),
    "plan.warning_levels": ReadRule(False, _EVERYONE, thing="任务和单位的预警颜色、报送统计"),
    "round.read": ReadRule(False, _EVERYONE, thing="调度"),
    "report.read": ReadRule(False, _OVERSEERS, _UNIT, as_lead=_UNIT, thing="已报送的进展报告"),
    "report.draft": ReadRule(False, frozenset(), _UNIT, thing="进展报告草稿"),
    "warning.read": ReadRule(False, _OVERSEERS, _UNIT, thing="三色预警"),
    "supervision.read": ReadRule(False, _OVERSEERS, thing="督查和发现的问题"),
    "rectification.read": ReadRule(False, _OVERSEERS, _UNIT, thing="整改台账和整改事项"),
    "urge.read": ReadRule(False, _OVERSEERS, _UNIT, thing="催办通知"),
    "document.read": ReadRule(False, _OVERSEERS, _UNIT, thing="公文"),
    # a report's history follows the report rule (drafts: its own unit alone)
    "audit.read": ReadRule(False, _EVERYONE, thing="计划、任务和单位的审计记录"),
    # the chain's seals, checkpoints and verifications: the office and supervisors
    "audit.chain": ReadRule(
        False, frozenset({Role.OFFICE_ADMIN, Role.SUPERVISOR}), thing="审计留痕的核验状态"
    ),
    "user.read": ReadRule(False, frozenset({Role.OFFICE_ADMIN}), thing="用户账号"),
    "token.own": ReadRule(False, _EVERYONE, thing="自己的访问令牌"),
    # any account's tokens (name, dates, revoked or not; never the secret): the office
    "token.read": ReadRule(False, _OFFICE, thing="账号的访问令牌"),
    "notify.channels": ReadRule(False, _OFFICE, _UNIT, thing="消息推送设置"),
    "notify.inbox": ReadRule(False, frozenset(), _EVERYONE, thing="站内消息"),
    "notify.deliveries": ReadRule(False, _OFFICE, thing="消息投递记录和死信"),
}


def may(actor: Actor, action: str, unit_id: int | None = None) -> bool:
    """True when ``actor`` may perform ``action`` (for ``unit_id``, when the action is per unit)."""
    rule = RULES.get(action)
    if rule is None or actor.role not in rule.roles:
        return False
    if actor.role in rule.own_unit:
        return unit_id is not None and unit_id == actor.unit_id
    return True


def may_read(
    actor: Actor | None, action: str, unit_id: int | None = None, *, as_lead: bool = False
) -> bool:
    """True when ``actor`` (None: an anonymous caller) may read rows of ``action`` belonging to
    ``unit_id``; ``as_lead``: the actor's unit is a lead unit that reviews them."""
    rule = READS.get(action)
    if rule is None:
        return False
    if actor is None:
        return rule.anonymous
    if actor.role in rule.every_unit:
        return True
    if actor.role in rule.own_unit and unit_id is not None and unit_id == actor.unit_id:
        return True
    return as_lead and actor.role in rule.as_lead


def who(actor: Actor) -> str:
    """How a refusal names the caller: its unit, else the user."""
    return actor.unit_name or actor.name


def refusal(actor: Actor, action: str) -> str:
    """Why ``actor`` may not perform ``action``, in a clerk's words."""
    rule = RULES.get(action)
    if rule is None:
        return "没有这项操作,无法办理"
    if actor.role in rule.own_unit:
        return f"{who(actor)}只能{rule.verb}本单位的{rule.thing}"
    allowed = "、".join(ROLE_NAMES[role] for role in Role if role in rule.roles)
    return f"{who(actor)}无权{rule.verb}{rule.thing}(仅限{allowed})"


def require(actor: Actor, action: str, unit_id: int | None = None) -> None:
    if not may(actor, action, unit_id):
        raise PermissionDenied(refusal(actor, action))


def require_read(actor: Actor | None, action: str, unit_id: int | None = None) -> None:
    if may_read(actor, action, unit_id):
        return
    rule = READS.get(action)
    thing = rule.thing if rule is not None else "这些内容"
    if actor is None:
        raise PermissionDenied(f"查看{thing}需要先登录(或提供访问令牌)")
    raise PermissionDenied(f"{who(actor)}无权查看其他单位的{thing}")
