"""Use cases: preview a notice file's import (the outline as understood, every assumption, the
units new to the directory with the nearest known names), then store exactly that preview.

The preview's token is the file's content hash and a fingerprint of what the preview decided
(the code, the new units); applying reads the file again inside the write transaction and
refuses (CONFLICT) a file, or a directory, that changed since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import local_date
from tongnan.domain.common.errors import Conflict, Invalid
from tongnan.domain.common.permissions import require
from tongnan.domain.common.suggest import nearest_names
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.directory import DirectoryEntry, apply_directory
from tongnan.domain.models import Unit, UnitAlias, WorkPlan
from tongnan.domain.parsing import ParsedPlan, parse_document, read_notice_file
from tongnan.domain.plans.plan_import import ImportResult, store_plan

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit the notice names that the directory lacks: where, for which tasks, and the
    nearest known names (a typo?)."""

    name: str
    line: int
    tasks: tuple[str, ...]
    nearest: tuple[str, ...]

    def text(self) -> str:
        near = f"；相近的单位：{'、'.join(self.nearest)}" if self.nearest else ""
        return f"第{self.line}行：“{self.name}”不在单位名录里（任务{'、'.join(self.tasks)}）{near}"


@dataclass(frozen=True, slots=True)
class PlanImportPreview:
    """What importing the file would store; ``token`` is what the import must present."""

    file_name: str
    plan: ParsedPlan
    new_units: tuple[NewUnit, ...]
    replaces_existing: bool
    token: str

    def lines(self) -> list[str]:
        """The outline as a clerk reads it: each task with its path, units, leaders, deadline,
        targets; then warnings, new units and every assumption."""
        p = self.plan
        out = [
            f"{self.file_name}：{p.code or '（没有发文字号）'} {p.plan_title}",
            f"共{len(p.sections)}个部分、{len(p.tasks)}项任务"
            + ("；将更新已导入的同一文号的工作方案" if self.replaces_existing else ""),
        ]
        for section in p.sections:
            out.append(f"{section.label}{'、' if section.label else ''}{section.title}")
            for t in section.tasks:
                lead = "、".join(t.lead_units) or "（无单独牵头单位，直接对专班负责）"
                parts = [f"  {t.label} {'／'.join((*t.path[1:], t.title))}", f"牵头：{lead}"]
                if t.responsible_units:
                    parts.append(f"责任：{'、'.join(t.responsible_units)}")
                if t.units_open_ended:
                    parts.append("单位名单以“等”结尾，可能不全")
                if t.leaders:
                    parts.append(f"责任领导：{'、'.join(t.leaders)}")
                if t.deadline is not None:
                    due = f"（{t.deadline.due.isoformat()}）" if t.deadline.due else ""
                    parts.append(f"完成时限：{t.deadline.text}{due}")
                if t.targets:
                    parts.append(f"指标：{'；'.join(x.text for x in t.targets)}")
                out.append("；".join(parts))
        out += [f"提醒：{w}" for w in p.warnings]
        out += [f"新单位：{u.text()}" for u in self.new_units]
        out += [f"说明：{n}" for n in p.notes]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            **self.plan.to_json(),
            "file_name": self.file_name,
            "source_kind": self.plan.source_kind,
            "replaces_existing": self.replaces_existing,
            "new_units": [
                {
                    "name": u.name,
                    "file": self.file_name,
                    "line": u.line,
                    "tasks": list(u.tasks),
                    "nearest": list(u.nearest),
                }
                for u in self.new_units
            ],
            "preview_token": self.token,
            "preview": self.lines(),
        }


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]


def parse_file(file_name: str, content: bytes, code: str | None) -> ParsedPlan:
    """The plan in a notice file (PlanParseError lists every problem with its line)."""
    if len(content) > MAX_FILE_BYTES:
        message = f"文件超过{MAX_FILE_BYTES // 1_000_000}MB，请检查是不是选错了文件"
        raise Invalid(message, ("content",))
    return parse_document(read_notice_file(file_name, content), code=code)


def build_preview(
    file_name: str,
    content: bytes,
    plan: ParsedPlan,
    known_units: Iterable[str],
    existing_codes: Iterable[str] = (),
) -> PlanImportPreview:
    """The preview of ``plan`` against the known unit names (pure)."""
    known = set(known_units)
    found: dict[str, tuple[int, list[str]]] = {}
    for task in plan.tasks:
        for name in (*task.lead_units, *task.responsible_units):
            if name in known:
                continue
            found.setdefault(name, (task.line_of(name), []))[1].append(task.label)
    new_units = tuple(
        NewUnit(name, line, tuple(dict.fromkeys(labels)), tuple(nearest_names(name, known)))
        for name, (line, labels) in found.items()
    )
    decided = json.dumps([plan.code, [u.name for u in new_units]], ensure_ascii=False)
    token = f"{content_hash(content)}.{hashlib.sha256(decided.encode()).hexdigest()[:16]}"
    replaces = plan.code is not None and plan.code in set(existing_codes)
    return PlanImportPreview(file_name, plan, new_units, replaces, token)


def directory_names(directory: tuple[DirectoryEntry, ...] | None) -> set[str]:
    """Every name (and alias) a directory file gives."""
    if directory is None:
        return set()
    return {n for entry in directory for n in (entry.name, *entry.aliases)}


async def _known_units() -> set[str]:
    names = {str(n) for n in await Unit.all().values_list("name", flat=True)}
    return names | {str(a) for a in await UnitAlias.all().values_list("alias", flat=True)}


async def preview_plan_import(
    actor: Actor,
    file_name: str,
    content: bytes,
    *,
    code: str | None = None,
    directory: tuple[DirectoryEntry, ...] | None = None,
) -> PlanImportPreview:
    """What importing the file would store; nothing is written."""
    require(actor, "plan.import")
    plan = parse_file(file_name, content, code)
    known = await _known_units() | directory_names(directory)
    codes = [plan.code] if plan.code and await WorkPlan.exists(code=plan.code) else []
    return build_preview(file_name, content, plan, known, codes)


async def apply_plan_import(
    actor: Actor,
    file_name: str,
    content: bytes,
    token: str,
    now: dt.datetime,
    *,
    code: str | None = None,
    create_units: bool = False,
    directory: tuple[DirectoryEntry, ...] | None = None,
) -> ImportResult:
    """Store what the preview with ``token`` showed. New units are created (as not yet in the
    directory) only with ``create_units``; otherwise they refuse the import, each named."""
    require(actor, "plan.import")
    if token.partition(".")[0] != content_hash(content):
        raise Conflict("文件在预览之后有改动，请重新预览后再导入", ("previewToken",))
    async with UnitOfWork() as uow:
        changed = False
        if directory is not None:
            changed = (await apply_directory(directory, actor)).changed
        plan = parse_file(file_name, content, code)
        codes = [plan.code] if plan.code and await WorkPlan.exists(code=plan.code) else []
        preview = build_preview(file_name, content, plan, await _known_units(), codes)
        if preview.token != token:
            raise Conflict("预览之后单位名录或文号有变动，请重新预览后再导入", ("previewToken",))
        if preview.new_units and not create_units:
            listed = "；".join(u.text() for u in preview.new_units)
            message = (
                f"有{len(preview.new_units)}个单位不在单位名录里：{listed}。"
                "若是新单位请选择“新建这些单位”（命令行 --create-units），若是笔误请改正后重新导入"
            )
            raise Invalid(message, ("createUnits",))
        result = await store_plan(plan, actor, local_date(now))
        if changed or result.changes:
            uow.changed("plan", result.plan_id)
        return result
