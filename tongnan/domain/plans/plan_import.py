"""Use case: store a parsed work-plan notice idempotently, updating in place, auditing changes."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.values import AssignmentRole, UnitKind
from tongnan.domain.directory import DirectoryEntry, apply_directory
from tongnan.domain.models import Assignment, Section, Target, Task, Unit, UnitAlias, WorkPlan
from tongnan.domain.parsing import ParsedPlan, ParsedTask
from tongnan.domain.parsing.model import DeadlineKind

PLAN_FIELDS = (
    "title",
    "plan_title",
    "issuer",
    "issued_on",
    "parent_code",
    "parent_title",
    "addressees",
    "letter",
    "preamble",
    "printed_by",
    "printed_on",
    "full_text",
)
TASK_FIELDS = (
    "label",
    "title",
    "body",
    "path",
    "leaders",
    "deadline_text",
    "deadline_kind",
    "units_open_ended",
)
NO_CODE = "通知里没有发文字号，请指定一个（命令行用 --code）后再导入"
TARGET_FIELDS = ("metric", "comparator", "threshold", "unit_of_measure", "baseline_year", "text")


@dataclass(slots=True)
class ImportResult:
    """What an import did: ``changes`` is empty when the stored plan already said the same."""

    plan_code: str
    plan_id: int
    created: bool
    changes: list[str] = field(default_factory=list)
    unlisted_units: list[str] = field(default_factory=list)


def _diff(obj: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    return {k: getattr(obj, k) for k, v in wanted.items() if getattr(obj, k) != v}


async def import_plan(
    parsed: ParsedPlan,
    actor: Actor,
    directory: tuple[DirectoryEntry, ...] | None = None,
) -> ImportResult:
    """Store ``parsed`` in one transaction; the directory (if given) is applied first. Unit
    names not in the directory are stored as unlisted units (and reported)."""
    require(actor, "plan.import")
    async with UnitOfWork() as uow:
        changed = False
        if directory is not None:
            changed = (await apply_directory(directory, actor)).changed
        result = await store_plan(parsed, actor)
        if changed or result.changes:
            uow.changed("plan", result.plan_id)
        return result


async def store_plan(
    parsed: ParsedPlan, actor: Actor, imported_on: dt.date | None = None
) -> ImportResult:
    """Store ``parsed`` inside the caller's transaction (the caller checked the permission);
    a new plan whose notice has no date takes its 印发 date, else ``imported_on``."""
    if parsed.code is None:
        raise Invalid(NO_CODE, ("code",))
    return await _PlanImport(parsed, parsed.code, actor, imported_on).run()


class _PlanImport:
    def __init__(
        self, parsed: ParsedPlan, code: str, actor: Actor, imported_on: dt.date | None
    ) -> None:
        self.parsed = parsed
        self.code = code
        self.actor = actor
        self.imported_on = imported_on
        self.changes: list[str] = []
        self.unlisted: list[str] = []

    async def _log(
        self, action: str, kind: str, obj_id: int, before: Any, after: Any, text: str
    ) -> None:
        self.changes.append(text)
        await audit.record(self.actor, action, kind, obj_id, before, after)

    async def run(self) -> ImportResult:
        p = self.parsed
        code = self.code
        wanted = {name: getattr(p, name) for name in PLAN_FIELDS}
        wanted["addressees"] = list(p.addressees)
        wanted["issuer"] = p.issuer or ""
        wanted["source_sha256"] = hashlib.sha256(p.full_text.encode()).hexdigest()
        plan = await WorkPlan.get_or_none(code=code)
        created = plan is None
        if p.issued_on is None:  # a notice without a date: the 印发 date, else the import day
            if plan is None:
                wanted["issued_on"] = p.printed_on or self.imported_on
                if wanted["issued_on"] is None:
                    raise Invalid("通知里没有成文日期，也没有印发日期", ("issuedOn",))
            else:
                del wanted["issued_on"]
        if plan is None:
            plan = await WorkPlan.create(code=code, version=1, **wanted)
            await self._log(
                "plan.created",
                "WorkPlan",
                plan.id,
                None,
                {"code": code, **wanted},
                f"plan {code} created",
            )
        else:
            before = _diff(plan, wanted)
            if before:
                for key in before:
                    setattr(plan, key, wanted[key])
                plan.version += 1
                await plan.save()
                await self._log(
                    "plan.updated",
                    "WorkPlan",
                    plan.id,
                    before,
                    {k: wanted[k] for k in before},
                    f"plan {code}: {', '.join(sorted(before))} changed",
                )
        sections = await self._sections(plan)
        units = await self._resolve_units()
        await self._tasks(plan, sections, units)
        return ImportResult(code, plan.id, created, self.changes, self.unlisted)

    async def _sections(self, plan: WorkPlan) -> dict[int, Section]:
        stored = {s.number: s for s in await Section.filter(plan_id=plan.id)}
        for ps in self.parsed.sections:
            wanted: dict[str, Any] = {"label": ps.label, "title": ps.title}
            section = stored.get(ps.number)
            if section is None:
                stored[ps.number] = await Section.create(
                    plan_id=plan.id, number=ps.number, **wanted
                )
                await self._log(
                    "section.created",
                    "Section",
                    stored[ps.number].id,
                    None,
                    {"number": ps.number, **wanted},
                    f"section {ps.label} created",
                )
                continue
            before = _diff(section, wanted)
            if before:
                section.update_from_dict(wanted)
                await section.save()
                await self._log(
                    "section.updated",
                    "Section",
                    section.id,
                    before,
                    {k: wanted[k] for k in before},
                    f"section {ps.label} changed",
                )
        return stored

    async def _resolve_units(self) -> dict[str, Unit]:
        """Every unit name the plan uses -> stored unit; unknown names become unlisted units."""
        names = dict.fromkeys(
            n for t in self.parsed.tasks for n in (*t.lead_units, *t.responsible_units)
        )
        units = {u.name: u for u in await Unit.filter(name__in=list(names))}
        missing = [n for n in names if n not in units]
        if missing:
            aliased = await UnitAlias.filter(alias__in=missing).prefetch_related("unit")
            for alias in aliased:
                units[alias.alias] = alias.unit
        for name in names:
            if name in units:
                continue
            unit = await Unit.create(name=name, kind=UnitKind.OTHER, listed=False, position=10_000)
            units[name] = unit
            self.unlisted.append(name)
            await self._log(
                "unit.created",
                "Unit",
                unit.id,
                None,
                {"name": name, "kind": UnitKind.OTHER, "listed": False},
                f"unit {name} is not in the directory: stored as unlisted",
            )
        return units

    async def _tasks(
        self, plan: WorkPlan, sections: dict[int, Section], units: dict[str, Unit]
    ) -> None:
        stored = {t.number: t for t in await Task.filter(plan_id=plan.id)}
        seen: set[int] = set()
        for ps in self.parsed.sections:
            section = sections[ps.number]
            for pt in ps.tasks:
                seen.add(pt.number)
                task = await self._task(plan, section, pt, stored.get(pt.number))
                await self._assignments(task, pt, units)
                await self._targets(task, pt)
        for number, task in sorted(stored.items()):
            if number not in seen:
                await task.delete()
                await self._log(
                    "task.deleted",
                    "Task",
                    task.id,
                    {"number": number, "title": task.title},
                    None,
                    f"task {task.label} removed",
                )
        for number, section in sorted(sections.items()):
            if number not in {s.number for s in self.parsed.sections}:
                await section.delete()
                await self._log(
                    "section.deleted",
                    "Section",
                    section.id,
                    {"number": number, "title": section.title},
                    None,
                    f"section {section.label} removed",
                )

    async def _task(
        self, plan: WorkPlan, section: Section, pt: ParsedTask, task: Task | None
    ) -> Task:
        deadline = pt.deadline
        wanted: dict[str, Any] = {
            "label": pt.label,
            "title": pt.title,
            "body": pt.body,
            "path": list(pt.path),
            "leaders": list(pt.leaders),
            "deadline_text": deadline.text if deadline else None,
            "deadline_kind": deadline.kind.value if deadline else None,
            "units_open_ended": pt.units_open_ended,
            "section_id": section.id,
        }
        due = deadline.due if deadline and deadline.kind is DeadlineKind.DATE else None
        if due is not None and (task is None or task.deadline_text != wanted["deadline_text"]):
            # the notice's deadline is the due date until someone edits it; a re-import of the
            # same deadline leaves an edited due date alone
            wanted["due_date"] = due
        if task is None:
            task = await Task.create(plan_id=plan.id, number=pt.number, **wanted)
            await self._log(
                "task.created",
                "Task",
                task.id,
                None,
                {"number": pt.number, **wanted},
                f"task {pt.label} created",
            )
            return task
        before = _diff(task, wanted)
        if before:
            task.update_from_dict(wanted)
            await task.save()
            await self._log(
                "task.updated",
                "Task",
                task.id,
                before,
                {k: wanted[k] for k in before},
                f"task {pt.label}: {', '.join(sorted(before))} changed",
            )
        return task

    async def _assignments(self, task: Task, pt: ParsedTask, units: dict[str, Unit]) -> None:
        wanted: dict[tuple[int, AssignmentRole], int] = {}
        for role, names in (
            (AssignmentRole.LEAD, pt.lead_units),
            (AssignmentRole.RESPONSIBLE, pt.responsible_units),
        ):
            for position, name in enumerate(names):
                wanted.setdefault((units[name].id, role), position)
        names_by_id = {u.id: u.name for u in units.values()}
        stored = {(a.unit_id, a.role): a for a in await Assignment.filter(task_id=task.id)}
        for key, gone in stored.items():
            if key not in wanted:
                await gone.delete()
                await self._log(
                    "assignment.deleted",
                    "Assignment",
                    gone.id,
                    {"task": pt.number, "unit": names_by_id.get(key[0], key[0]), "role": key[1]},
                    None,
                    f"task {pt.label}: {key[1].value} {names_by_id.get(key[0], key[0])} removed",
                )
        for (unit_id, role), position in wanted.items():
            assignment = stored.get((unit_id, role))
            after = {
                "task": pt.number,
                "unit": names_by_id[unit_id],
                "role": role,
                "position": position,
            }
            if assignment is None:
                created = await Assignment.create(
                    task_id=task.id, unit_id=unit_id, role=role, position=position
                )
                await self._log(
                    "assignment.created",
                    "Assignment",
                    created.id,
                    None,
                    after,
                    f"task {pt.label}: {role.value} {names_by_id[unit_id]} added",
                )
            elif assignment.position != position:
                before = {"position": assignment.position}
                assignment.position = position
                await assignment.save(update_fields=["position"])
                await self._log(
                    "assignment.updated",
                    "Assignment",
                    assignment.id,
                    before,
                    {"position": position},
                    f"task {pt.label}: {role.value} {names_by_id[unit_id]} moved",
                )

    async def _targets(self, task: Task, pt: ParsedTask) -> None:
        stored = {t.position: t for t in await Target.filter(task_id=task.id)}
        for position, parsed in enumerate(pt.targets):
            wanted = {name: getattr(parsed, name) for name in TARGET_FIELDS}
            target = stored.pop(position, None)
            if target is None:
                created = await Target.create(
                    task_id=task.id, position=position, scope=parsed.scope, **wanted
                )
                await self._log(
                    "target.created",
                    "Target",
                    created.id,
                    None,
                    {"task": pt.number, **wanted, "scope": parsed.scope.value},
                    f"task {pt.label}: target {parsed.text} added",
                )
                continue
            before = _diff(target, wanted)
            if before:
                target.update_from_dict(wanted)
                await target.save()
                await self._log(
                    "target.updated",
                    "Target",
                    target.id,
                    before,
                    {k: wanted[k] for k in before},
                    f"task {pt.label}: target {parsed.text} changed",
                )
        for target in stored.values():
            await target.delete()
            await self._log(
                "target.deleted",
                "Target",
                target.id,
                {"task": pt.number, "text": target.text},
                None,
                f"task {pt.label}: target {target.text} removed",
            )
