"""``previewLedgerImport`` and ``applyLedgerImport``: what a ledger sheet would do, row by row,
then doing exactly that (the preview's token), or a CONFLICT when the sheet or ledger moved."""

from __future__ import annotations

from enum import Enum

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import RectificationItem as ItemRow
from tongnan.domain.supervision import ledger_import as service
from tongnan.domain.supervision.ledger_import_plan import OUTCOME_LABELS, Outcome, RowPlan
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import to_global_id
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.items import RectificationItem
from tongnan.schema.supervision.ledger_import import SheetRowError, decoded
from tongnan.schema.supervision.store import store_for


@strawberry.enum(name="LedgerImportOutcome", description="导入结果 / what a row does")
class LedgerImportOutcomeEnum(Enum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    REFUSED = "REFUSED"


@strawberry.type(description="一处修改:前 → 后 / One field changed: before → after.")
class LedgerFieldChange:
    field: str = strawberry.field(description="measures、deadline、persons、progress、status")
    label: str = strawberry.field(description="列名,如 整改进展 / the column")
    before: str
    after: str


@strawberry.type(description="表格一行的导入结果 / What importing one row does.")
class LedgerImportRow:
    row: int = strawberry.field(description="表格行号 / the sheet's row number")
    number: int | None = strawberry.field(description="编号 / the item's number, if given")
    outcome: LedgerImportOutcomeEnum
    outcome_label: str = strawberry.field(description="新建、更新、无变化、不予导入")
    item_id: strawberry.ID | None = strawberry.field(description="对应的整改事项 / its item")
    changes: list[LedgerFieldChange]
    reasons: list[SheetRowError] = strawberry.field(description="不予导入的原因 / why refused")
    notes: list[str] = strawberry.field(description="提示(如何理解、已逾期等)/ notes")
    text: str = strawberry.field(description="给经办人看的一句话 / the row in a clerk's words")

    @classmethod
    def of(cls, row: RowPlan) -> LedgerImportRow:
        return cls(
            row=row.row,
            number=row.number,
            outcome=LedgerImportOutcomeEnum(row.outcome.value),
            outcome_label=OUTCOME_LABELS[row.outcome],
            item_id=strawberry.ID(to_global_id("RectificationItem", row.item_id))
            if row.item_id
            else None,
            changes=[
                LedgerFieldChange(field=c.field, label=c.label, before=c.before, after=c.after)
                for c in row.changes
            ],
            reasons=[SheetRowError.of(e) for e in row.reasons],
            notes=list(row.notes),
            text=row.text(),
        )


@strawberry.type(description="导入预览 / What importing the sheet would do.")
class LedgerImportPreview:
    preview_token: str = strawberry.field(
        description="导入时原样提交 / pass to applyLedgerImport (the sheet's hash and the ledger's)"
    )
    summary: str = strawberry.field(description="共4行:新建1行、更新1行…")
    created: int
    updated: int
    unchanged: int
    refused: int
    rows: list[LedgerImportRow]
    text: str = strawberry.field(description="整份预览(中文,逐行)/ the whole preview as text")

    @classmethod
    def of(cls, preview: service.ImportPreview) -> LedgerImportPreview:
        return cls(
            preview_token=preview.token,
            summary=preview.summary,
            created=preview.count(Outcome.CREATED),
            updated=preview.count(Outcome.UPDATED),
            unchanged=preview.count(Outcome.UNCHANGED),
            refused=preview.count(Outcome.REFUSED),
            rows=[LedgerImportRow.of(r) for r in preview.rows],
            text=preview.text(),
        )


@strawberry.input(description="整改台账表格(.xlsx)/ A ledger sheet.")
class PreviewLedgerImportInput:
    content_base64: str = strawberry.field(description="文件内容(Base64)/ the file, Base64")
    plan_code: str | None = None


@strawberry.input(description="按预览导入 / Import a sheet as its preview said.")
class ApplyLedgerImportInput:
    content_base64: str = strawberry.field(description="与预览时相同的文件 / the same file")
    preview_token: str = strawberry.field(description="预览给出的令牌 / the preview's token")
    plan_code: str | None = None


@strawberry.type
class PreviewLedgerImportPayload:
    preview: LedgerImportPreview | None
    user_errors: list[UserError]


@strawberry.type
class ApplyLedgerImportPayload:
    preview: LedgerImportPreview | None = strawberry.field(description="所执行的预览 / as done")
    created: list[RectificationItem] = strawberry.field(description="新建的事项 / items created")
    updated: list[RectificationItem] = strawberry.field(description="更新的事项 / items updated")
    user_errors: list[UserError]


@strawberry.mutation(
    description="预览台账导入:逐行说明新建、更新、无变化或不予导入(专班办公室)/ "
    "Preview a ledger sheet's import, row by row (office). Nothing is written."
)
async def preview_ledger_import(
    info: Info, input: PreviewLedgerImportInput
) -> PreviewLedgerImportPayload:
    async def work(actor: Actor) -> service.ImportPreview:
        return await service.preview_import(
            actor,
            decoded(input.content_base64),
            info.context.now(),
            plan_code=input.plan_code,
            limits=info.context.sheet_limits,
        )

    preview, errors = await run_use_case(info, "previewLedgerImport", work)
    if preview is None:
        return PreviewLedgerImportPayload(preview=None, user_errors=errors)
    return PreviewLedgerImportPayload(preview=LedgerImportPreview.of(preview), user_errors=[])


@strawberry.mutation(
    description="按预览导入台账(专班办公室);表格或相关事项在预览后有变动时拒绝(CONFLICT)/ "
    "Apply a previewed import (office); a sheet or ledger changed since is a CONFLICT."
)
async def apply_ledger_import(
    info: Info, input: ApplyLedgerImportInput
) -> ApplyLedgerImportPayload:
    async def work(actor: Actor) -> service.AppliedImport:
        return await service.apply_import(
            actor,
            decoded(input.content_base64),
            input.preview_token,
            info.context.now(),
            plan_code=input.plan_code,
            limits=info.context.sheet_limits,
        )

    result, errors = await run_use_case(info, "applyLedgerImport", work)
    if result is None:
        return ApplyLedgerImportPayload(preview=None, created=[], updated=[], user_errors=errors)
    store = await store_for(info, input.plan_code)

    async def shown(rows: list[ItemRow]) -> list[RectificationItem]:
        findings = await store.loaders.load_many(loaders.findings, [r.finding_id for r in rows])
        return [
            RectificationItem.of(store, r, f)
            for r, f in zip(rows, findings, strict=True)
            if f is not None
        ]

    return ApplyLedgerImportPayload(
        preview=LedgerImportPreview.of(result.preview),
        created=await shown(result.created),
        updated=await shown(result.updated),
        user_errors=[],
    )
