"""``importRectificationLedger`` (deprecated: use previewLedgerImport, then applyLedgerImport):
preview and apply in one step; refused whole on any refused row unless importGoodRows."""

from __future__ import annotations

import base64
import binascii

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import ErrorCode, Invalid
from tongnan.domain.supervision.ledger_files import ImportResult, import_ledger
from tongnan.domain.supervision.ledger_xlsx import SheetError
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.items import RectificationItem
from tongnan.schema.supervision.store import store_for


@strawberry.input(
    description="导入整改台账(.xlsx,表头同导出)/ Import items from an .xlsx ledger with the "
    "export's headers. A sheet with errors imports nothing unless importGoodRows is true."
)
class ImportRectificationLedgerInput:
    content_base64: str = strawberry.field(description="文件内容(Base64)/ the file, Base64")
    import_good_rows: bool = strawberry.field(
        default=False, description="有错误行时仍导入正确的行 / import the good rows anyway"
    )
    plan_code: str | None = None


@strawberry.type(description="表格中的一处错误 / One bad cell (or the sheet as a whole).")
class SheetRowError:
    row: int = strawberry.field(description="行号(表格中的)/ the sheet's row number")
    column: str = strawberry.field(description="列名,如 责任单位 / the header")
    column_letter: str = strawberry.field(description="列字母,如 E / the column letter")
    message: str

    @classmethod
    def of(cls, error: SheetError) -> SheetRowError:
        return cls(
            row=error.row, column=error.column, column_letter=error.letter, message=error.message
        )


@strawberry.type
class ImportRectificationLedgerPayload:
    items: list[RectificationItem] = strawberry.field(
        description="新建和更新的事项 / items created, then items updated"
    )
    findings_created: int
    row_errors: list[SheetRowError] = strawberry.field(
        description="错误行(导入正确行时为跳过的行),只列前若干处 / bad rows (skipped, with "
        "importGoodRows): the first ones only (TONGNAN_SHEET_MAX_ERRORS)"
    )
    row_error_count: int = strawberry.field(
        description="错误总数 / how many errors the sheet has in all"
    )
    user_errors: list[UserError]


def decoded(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid("文件内容不是有效的 Base64 编码", ("contentBase64",)) from None


@strawberry.mutation(
    description="导入整改台账(专班办公室;请改用先预览后导入)/ Import a ledger sheet (office): "
    "rows with a 编号 update their item, others create items, repeats are refused.",
    deprecation_reason="Use previewLedgerImport, then applyLedgerImport with its previewToken.",
)
async def import_rectification_ledger(
    info: Info, input: ImportRectificationLedgerInput
) -> ImportRectificationLedgerPayload:
    async def work(actor: Actor) -> ImportResult:
        return await import_ledger(
            actor,
            decoded(input.content_base64),
            info.context.now(),
            import_good_rows=input.import_good_rows,
            plan_code=input.plan_code,
            limits=info.context.sheet_limits,
        )

    result, errors = await run_use_case(info, "importRectificationLedger", work)
    if result is None:
        return ImportRectificationLedgerPayload(
            items=[], findings_created=0, row_errors=[], row_error_count=0, user_errors=errors
        )
    row_errors = [SheetRowError.of(e) for e in result.errors]
    if result.refused:
        user_errors = [
            UserError(field=["contentBase64"], message=str(e), code=ErrorCode.INVALID)
            for e in result.errors
        ]
        return ImportRectificationLedgerPayload(
            items=[],
            findings_created=0,
            row_errors=row_errors,
            row_error_count=result.error_count,
            user_errors=user_errors,
        )
    store = await store_for(info, input.plan_code)
    findings = await store.loaders.load_many(loaders.findings, [i.finding_id for i in result.items])
    return ImportRectificationLedgerPayload(
        items=[
            RectificationItem.of(store, i, finding)
            for i, finding in zip(result.items, findings, strict=True)
            if finding is not None
        ],
        findings_created=result.findings,
        row_errors=row_errors,
        row_error_count=result.error_count,
        user_errors=[],
    )
