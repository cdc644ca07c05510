"""Use cases: a unit saves a draft of, or submits, its progress report on a task in a round.

A submission may carry an idempotency key: a retry with the same key and payload returns the
first result and writes nothing; the same key with another payload is refused. Edits may carry
``expected_version``: a report changed since the caller read it is a CONFLICT, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid, NotFound
from tongnan.domain.common.permissions import require
from tongnan.domain.common.postgres import transaction_connection
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.versions import check_version
from tongnan.domain.models import (
    IdempotencyKey,
    Obligation,
    ProgressReport,
    ReportingRound,
    Target,
    TargetValue,
    Task,
    WorkPlan,
)
from tongnan.domain.models.reporting import ObligationKind, ReportStatus, RoundStatus
from tongnan.domain.reporting import report_statements
from tongnan.domain.reporting.quantities import NotAQuantity, Quantity, read_quantity
from tongnan.domain.reporting.report_statements import Known, Place
from tongnan.domain.reporting.status_words import REPORT_STATUS_WORDS

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
REPORT_FIELDS = ("summary", "completion", "problems", "next_steps")


@dataclass(frozen=True, slots=True)
class ReportedValue:
    """A value as the unit typed it (8420元, 2.4万, 99%), read against the target's unit."""

    target_id: int
    value: str
    baseline_value: str | None = None


@dataclass(frozen=True, slots=True)
class ReportContent:
    """What a unit writes: 进展情况, completion %, target values, problems, next steps."""

    summary: str
    completion: int
    problems: str = ""
    next_steps: str = ""
    values: tuple[ReportedValue, ...] = field(default=())

    def check(self) -> None:
        if not 0 <= self.completion <= 100:
            raise Invalid("完成进度按百分比填写，应在0到100之间", ("completion",))
        if (
            len(self.summary) > 20_000
            or len(self.problems) > 20_000
            or len(self.next_steps) > 20_000
        ):
            raise Invalid("报告每一栏最多填写20000字，请精简后再报", ("summary",))
        ids = [v.target_id for v in self.values]
        if len(ids) != len(set(ids)):
            raise Invalid("同一项指标填了两个数值，请只保留一个", ("values",))

    def digest(self, round_id: int, task_number: int, kind: ObligationKind) -> str:
        payload = {"round": round_id, "task": task_number, "kind": kind.value, **asdict(self)}
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ReportRequest:
    round_id: int
    task_number: int
    content: ReportContent
    kind: ObligationKind = ObligationKind.UNIT
    expected_version: int = 0  # the version the writer read; 0: no report yet
    idempotency_key: str | None = None


async def save_draft(actor: Actor, request: ReportRequest, now: dt.datetime) -> ProgressReport:
    """Save without submitting (a new draft, or an edit of a draft or a returned report)."""
    return (await save(actor, request, now)).report


async def save(actor: Actor, request: ReportRequest, now: dt.datetime) -> Written:
    """:func:`save_draft`, with the code of the report's plan."""
    require(actor, "report.save", actor.unit_id)
    return await _write(actor, request, now, submit=False)


async def submit_report(actor: Actor, request: ReportRequest, now: dt.datetime) -> ProgressReport:
    """Submit to the reviewers; late when after the round's due date (accepted, marked late)."""
    return (await submit(actor, request, now)).report


async def submit(actor: Actor, request: ReportRequest, now: dt.datetime) -> Written:
    """:func:`submit_report`, with the code of the report's plan."""
    require(actor, "report.submit", actor.unit_id)
    try:
        return await _write(actor, request, now, submit=True)
    except IntegrityError:
        # A concurrent request with the same key (or the first report of this obligation)
        # committed first: run again, and see its result.
        return await _write(actor, request, now, submit=True)


async def _replay(known: Known, request: ReportRequest, digest: str) -> ProgressReport:
    """The first result of a key already used: the same payload, or a refusal."""
    if known.payload_hash != digest:
        raise Conflict(
            f"报送编号“{request.idempotency_key}”已用于另一份报告，请换一个编号重新报送",
            ("idempotencyKey",),
        )
    return await ProgressReport.get(id=known.report_id)


async def _known_key(actor: Actor, key: str | None) -> Known | None:
    if key is None:
        return None
    known = await IdempotencyKey.get_or_none(actor=actor.name, key=key)
    return None if known is None else Known(known.payload_hash, known.report_id)


async def _check_report_version(
    report: ProgressReport | None, expected: int, now: dt.datetime
) -> None:
    """A first save names version 0; an edit the version its writer read."""
    if report is None:
        if expected != 0:
            raise Conflict(
                "这份报告还没有保存过：第一次保存请给出 expectedVersion: 0", ("expectedVersion",)
            )
        return
    await check_version("ProgressReport", report.id, report.version, expected, now)


async def _owes_nothing(
    actor: Actor, round_: ReportingRound, task: Task | None, request: ReportRequest
) -> str:
    """Why the caller's unit may not send this report, and which one it owes instead."""
    who = actor.unit_name or actor.name
    number = request.task_number
    other = (
        ObligationKind.UNIT
        if request.kind is ObligationKind.CONSOLIDATED
        else ObligationKind.CONSOLIDATED
    )
    owed = task is not None and await Obligation.exists(
        round_id=round_.id, task_id=task.id, unit_id=actor.unit_id, kind=other
    )
    if owed and other is ObligationKind.CONSOLIDATED:
        return (
            f"{who}是第{number}项任务的牵头单位，{round_.name}中应报送汇总报告"
            "（kind: CONSOLIDATED），不报送本单位报告"
        )
    if owed:
        return (
            f"{who}在{round_.name}中就第{number}项任务只需报送本单位报告（kind: UNIT），"
            "不报送汇总报告"
        )
    what = "汇总报告" if request.kind is ObligationKind.CONSOLIDATED else "报告"
    return f"{who}在{round_.name}中不需要就第{number}项任务报送{what}"


async def _place(actor: Actor, request: ReportRequest) -> Place:
    """The obligation of this report, locked until commit (PostgreSQL): writes to one report
    happen one at a time. Refused when the round is unknown or closed, or nothing is owed."""
    round_ = await ReportingRound.get_or_none(id=request.round_id)
    if round_ is None:
        raise NotFound(f"找不到第{request.round_id}号调度，请刷新后重新选择", ("roundId",))
    _check_open(round_.status, round_.name)
    task = await Task.get_or_none(plan_id=round_.plan_id, number=request.task_number)
    obligation = None
    if task is not None:
        obligation = await Obligation.select_for_update().get_or_none(
            round_id=round_.id, task_id=task.id, unit_id=actor.unit_id, kind=request.kind
        )
    if task is None or obligation is None:
        raise Forbidden(await _owes_nothing(actor, round_, task, request), ("taskNumber",))
    code = await WorkPlan.filter(id=round_.plan_id).values_list("code", flat=True)
    return Place(
        round_id=round_.id,
        round_name=round_.name,
        round_status=round_.status,
        due_date=round_.due_date,
        plan_id=round_.plan_id,
        plan_code=str(code[0]),
        task_id=task.id,
        task_number=task.number,
        obligation_id=obligation.id,
        unit_id=obligation.unit_id,
        kind=obligation.kind,
    )


def _check_open(status: RoundStatus, name: str) -> None:
    if status is not RoundStatus.OPEN:
        raise Invalid(f"调度“{name}”已结束，不再接收报告", ("roundId",))


@dataclass(frozen=True, slots=True)
class Written:
    """The report as written, and the code of its plan (for the answer; ``None``: not read)."""

    report: ProgressReport
    plan_code: str | None


async def _write(
    actor: Actor, request: ReportRequest, now: dt.datetime, *, submit: bool
) -> Written:
    request.content.check()
    digest = request.content.digest(request.round_id, request.task_number, request.kind)
    key = request.idempotency_key if submit else None
    async with UnitOfWork() as uow:
        sql = transaction_connection()  # PostgreSQL: prepared statements; SQLite: the ORM
        if sql is not None:
            known, found = await report_statements.locate(
                sql,
                actor.name,
                key,
                request.round_id,
                request.task_number,
                actor.unit_id,
                request.kind,
            )
        else:
            known, found = await _known_key(actor, key), None
        if known is not None:
            code = None if found is None else found.plan_code
            return Written(await _replay(known, request, digest), code)
        place = found or await _place(actor, request)
        _check_open(place.round_status, place.round_name)
        if sql is not None:
            known, report = await report_statements.current(
                sql, actor.name, key, place.obligation_id
            )
        else:
            known = await _known_key(actor, key)  # a retry committed while we waited
            report = await ProgressReport.get_or_none(obligation_id=place.obligation_id)
        if known is not None:
            return Written(await _replay(known, request, digest), place.plan_code)
        values = await _read_values(place.task_id, place.task_number, request.content)
        before = None if report is None else _state(report)
        await _check_report_version(report, request.expected_version, now)
        if report is not None and report.status not in EDITABLE:
            raise Conflict(
                f"报告{REPORT_STATUS_WORDS[report.status]}，现在不能修改", ("taskNumber",)
            )
        status = (
            ReportStatus.SUBMITTED
            if submit
            else (report.status if report is not None else ReportStatus.DRAFT)
        )
        changes: dict[str, Any] = {
            "summary": request.content.summary,
            "completion": request.content.completion,
            "problems": request.content.problems,
            "next_steps": request.content.next_steps,
            "status": status,
            "updated_at": now,
        }
        if submit:
            changes |= {"submitted_at": now, "late": local_date(now) > place.due_date}
        new_key = None if key is None else report_statements.NewKey(actor.name, key, digest, now)
        existed = report is not None
        if report is None:
            fields = {
                "obligation_id": place.obligation_id,
                "round_id": place.round_id,
                "task_id": place.task_id,
                "unit_id": place.unit_id,
                "kind": place.kind,
                "version": 1,
                "created_at": now,
                **changes,
            }
            if sql is not None:
                report = await report_statements.insert(sql, fields, new_key)
            else:
                report = ProgressReport(**fields)
                await report.save()
        else:
            if sql is not None:
                updated = await report_statements.update(
                    sql, report.id, report.version, changes, submit, new_key
                )
            else:
                count = await ProgressReport.filter(id=report.id, version=report.version).update(
                    version=report.version + 1, **changes
                )
                updated = await ProgressReport.get(id=report.id) if count == 1 else None
            if updated is None:
                raise Conflict("报告刚刚被别人修改过，请刷新后重新填写", ("expectedVersion",))
            report = updated
        await _store_values(report, values, existed)
        if sql is None and new_key is not None:
            await IdempotencyKey.create(
                actor=new_key.actor,
                key=new_key.key,
                payload_hash=new_key.payload_hash,
                report_id=report.id,
                created_at=new_key.created_at,
            )
        # the last write: the change notice goes with the audit event's INSERT
        change = uow.send_with(
            "report", place.plan_id, report_event(report, place.task_number, actor.unit_name)
        )
        await audit.record(
            actor,
            "report.submitted" if submit else "report.saved",
            "ProgressReport",
            report.id,
            before,
            _state(report),
            now=now,
            notice=change,
        )
        return Written(report, place.plan_code)


@dataclass(frozen=True, slots=True)
class _ReadValue:
    target_id: int
    value: Quantity
    baseline: Quantity | None


async def _read_values(task_id: int, task_number: int, content: ReportContent) -> list[_ReadValue]:
    """Each value read in its target's unit; a value that is not one is refused on its field."""
    if not content.values:
        return []
    targets = {t.id: t for t in await Target.filter(task_id=task_id)}
    out = []
    for index, value in enumerate(content.values):
        target = targets.get(value.target_id)
        if target is None:
            raise Invalid(
                f"第{value.target_id}号指标不是第{task_number}项任务的指标，请核对后重填",
                ("values", str(index), "targetId"),
            )
        where = ("values", str(index))
        baseline = value.baseline_value
        out.append(
            _ReadValue(
                target.id,
                _read(value.value, target, (*where, "value")),
                None if baseline is None else _read(baseline, target, (*where, "baselineValue")),
            )
        )
    return out


def _read(typed: str, target: Target, field: tuple[str, ...]) -> Quantity:
    try:
        return read_quantity(typed, target.unit_of_measure, target.threshold)
    except NotAQuantity as refused:
        raise Invalid(refused.message, field) from None


async def _store_values(report: ProgressReport, values: list[_ReadValue], existed: bool) -> None:
    """The report's values: the ones sent replace those stored (a new report has none)."""
    if existed:
        await TargetValue.filter(report_id=report.id).delete()
    if values:
        await TargetValue.bulk_create(
            [
                TargetValue(
                    report_id=report.id,
                    target_id=v.target_id,
                    value=v.value.value,
                    value_typed=v.value.typed,
                    baseline_value=None if v.baseline is None else v.baseline.value,
                    baseline_typed=None if v.baseline is None else v.baseline.typed,
                )
                for v in values
            ]
        )


def report_event(
    report: ProgressReport, task_number: int, unit_name: str | None
) -> dict[str, object]:
    """What subscribers hear of a report change (also sent to other processes)."""
    return {
        "report_id": report.id,
        "round_id": report.round_id,
        "task_number": task_number,
        "unit_id": report.unit_id,
        "unit_name": unit_name,
        "status": report.status.value,
        "version": report.version,
    }


def _state(report: ProgressReport) -> dict[str, object]:
    return {
        "status": report.status,
        "version": report.version,
        "late": report.late,
        **{name: getattr(report, name) for name in REPORT_FIELDS},
    }
