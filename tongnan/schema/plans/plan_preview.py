"""``previewPlanImport`` and ``applyPlanImport``: a notice file (.txt, .docx, .pdf, .html,
.xlsx, .csv) as the parser understood it, with every assumption and the units new to the
directory, then storing exactly that preview (its token), or a CONFLICT when the file or the
directory moved since."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import ErrorCode, Invalid
from tongnan.domain.parsing import ParsedTask, PlanParseError
from tongnan.domain.plans import ImportResult, PlanImportPreview, apply_plan_import
from tongnan.domain.plans import preview_plan_import as preview_service
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.plans.types import WorkPlan


@strawberry.type(description="预览中的一项任务 / A task as the notice was understood.")
class PlanImportTask:
    number: int = strawberry.field(description="全计划的顺序号 / order in the plan (1, 2, …)")
    label: str = strawberry.field(description="通知上的编号,如 (一)、1. / the notice's numbering")
    path: list[str] = strawberry.field(description="上级标题,部分在前 / headings above it")
    title: str
    body: str
    lead_units: list[str]
    responsible_units: list[str]
    units_open_ended: bool = strawberry.field(description="单位名单以“等”结尾 / ends in 等")
    leaders: list[str] = strawberry.field(description="责任领导 / leaders named for it")
    deadline: str | None = strawberry.field(description="完成时限原文 / as written")
    deadline_kind: str | None = strawberry.field(description="DATE、RECURRING、ONGOING、TEXT")
    due_date: dt.date | None = strawberry.field(description="读出的截止日期 / the date it means")
    targets: list[str] = strawberry.field(description="量化指标原文 / targets found")
    line: int = strawberry.field(description="所在行 / its line in the file")

    @classmethod
    def of(cls, t: ParsedTask) -> PlanImportTask:
        d = t.deadline
        return cls(
            number=t.number,
            label=t.label,
            path=list(t.path),
            title=t.title,
            body=t.body,
            lead_units=list(t.lead_units),
            responsible_units=list(t.responsible_units),
            units_open_ended=t.units_open_ended,
            leaders=list(t.leaders),
            deadline=d.text if d else None,
            deadline_kind=d.kind.value if d else None,
            due_date=d.due if d else None,
            targets=[x.text for x in t.targets],
            line=t.line,
        )


@strawberry.type(description="预览中的一个部分 / A section as understood.")
class PlanImportSection:
    label: str
    title: str
    tasks: list[PlanImportTask]


@strawberry.type(description="名录里没有的单位 / A unit the directory lacks.")
class PlanImportNewUnit:
    name: str
    line: int = strawberry.field(description="首次出现的行 / where it is first named")
    tasks: list[str] = strawberry.field(description="涉及的任务编号 / the tasks naming it")
    nearest: list[str] = strawberry.field(description="名录中相近的单位 / nearest known names")


@strawberry.type(
    name="PlanImportPreview",
    description="工作方案导入预览 / What importing the notice would store.",
)
class PlanImportPreviewType:
    preview_token: str = strawberry.field(
        description="导入时原样提交 / pass to applyPlanImport (the file's hash, what was decided)"
    )
    code: str | None = strawberry.field(description="发文字号;没有时导入须指定 / the number")
    title: str
    plan_title: str
    issuer: str | None
    issued_on: dt.date | None
    source_kind: str = strawberry.field(description="txt、docx、pdf、html、xlsx、csv")
    replaces_existing: bool = strawberry.field(description="将更新同一文号的已导入方案")
    sections: list[PlanImportSection]
    new_units: list[PlanImportNewUnit]
    warnings: list[str] = strawberry.field(description="缺少的部分 / missing header parts")
    notes: list[str] = strawberry.field(description="略去、合并、推断的每一处 / every assumption")
    text: str = strawberry.field(description="整份预览(中文,逐行)/ the whole preview as text")

    @classmethod
    def of(cls, preview: PlanImportPreview) -> PlanImportPreviewType:
        p = preview.plan
        return cls(
            preview_token=preview.token,
            code=p.code,
            title=p.title,
            plan_title=p.plan_title,
            issuer=p.issuer,
            issued_on=p.issued_on,
            source_kind=p.source_kind,
            replaces_existing=preview.replaces_existing,
            sections=[
                PlanImportSection(
                    label=s.label, title=s.title, tasks=[PlanImportTask.of(t) for t in s.tasks]
                )
                for s in p.sections
            ],
            new_units=[
                PlanImportNewUnit(
                    name=u.name, line=u.line, tasks=list(u.tasks), nearest=list(u.nearest)
                )
                for u in preview.new_units
            ],
            warnings=[str(w) for w in p.warnings],
            notes=[str(n) for n in p.notes],
            text="\n".join(preview.lines()),
        )


@strawberry.input(description="工作方案通知文件 / A notice file.")
class PreviewPlanImportInput:
    file_name: str = strawberry.field(description="文件名,据扩展名识别格式 / tells the kind")
    content_base64: str = strawberry.field(description="文件内容(Base64)/ the file, Base64")
    code: str | None = strawberry.field(
        default=None, description="发文字号(通知上没有时)/ the number, when the notice has none"
    )


@strawberry.input(description="按预览导入 / Import a notice as its preview said.")
class ApplyPlanImportInput:
    file_name: str
    content_base64: str = strawberry.field(description="与预览时相同的文件 / the same file")
    preview_token: str = strawberry.field(description="预览给出的令牌 / the preview's token")
    code: str | None = None
    create_units: bool = strawberry.field(
        default=False, description="新建名录里没有的单位 / create the new units"
    )


@strawberry.type
class PreviewPlanImportPayload:
    preview: PlanImportPreviewType | None
    user_errors: list[UserError]


@strawberry.type
class ApplyPlanImportPayload:
    plan: WorkPlan | None
    created: bool
    changes: list[str]
    created_units: list[str] = strawberry.field(description="新建的单位 / units created")
    user_errors: list[UserError]


def decoded(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid("文件内容不是有效的 Base64 编码", ("contentBase64",)) from None


def _parse_errors(error: PlanParseError) -> list[UserError]:
    return [
        UserError(field=["contentBase64"], message=str(problem), code=ErrorCode.PARSE_ERROR)
        for problem in error.problems
    ]


@strawberry.mutation(
    description="预览工作方案导入:按理解的提纲、单位、领导、时限、指标和每一处推断(专班办公室)/ "
    "Preview a notice file's import (office). Nothing is written."
)
async def preview_plan_import(
    info: Info, input: PreviewPlanImportInput
) -> PreviewPlanImportPayload:
    async def work(actor: Actor) -> PlanImportPreview:
        return await preview_service(
            actor, input.file_name, decoded(input.content_base64), code=input.code
        )

    try:
        preview, errors = await run_use_case(info, "previewPlanImport", work)
    except PlanParseError as error:
        return PreviewPlanImportPayload(preview=None, user_errors=_parse_errors(error))
    if preview is None:
        return PreviewPlanImportPayload(preview=None, user_errors=errors)
    return PreviewPlanImportPayload(preview=PlanImportPreviewType.of(preview), user_errors=[])


@strawberry.mutation(
    description="按预览导入工作方案(专班办公室);文件或单位名录在预览后有变动时拒绝(CONFLICT)/ "
    "Store a previewed notice (office); a file or directory changed since is a CONFLICT."
)
async def apply_plan_import_mutation(
    info: Info, input: ApplyPlanImportInput
) -> ApplyPlanImportPayload:
    async def work(actor: Actor) -> ImportResult:
        return await apply_plan_import(
            actor,
            input.file_name,
            decoded(input.content_base64),
            input.preview_token,
            info.context.now(),
            code=input.code,
            create_units=input.create_units,
        )

    def refused(errors: list[UserError]) -> ApplyPlanImportPayload:
        return ApplyPlanImportPayload(
            plan=None, created=False, changes=[], created_units=[], user_errors=errors
        )

    try:
        result, errors = await run_use_case(info, "applyPlanImport", work)
    except PlanParseError as error:
        return refused(_parse_errors(error))
    if result is None:
        return refused(errors)
    bundle = await info.context.bundle(result.plan_code)
    return ApplyPlanImportPayload(
        plan=WorkPlan.of(bundle),
        created=result.created,
        changes=result.changes,
        created_units=result.unlisted_units,
        user_errors=[],
    )
