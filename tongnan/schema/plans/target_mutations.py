"""The office's mutations on a target: its scope (``setTargetScope``) and each unit's share of
an allocated quota (``setTargetShares``, typed or as a sheet: .xlsx / .csv, 单位 + 分解数)."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.models import Target as TargetRow
from tongnan.domain.plans import share_sheet, target_scopes
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.plans.enums import TargetScopeEnum
from tongnan.schema.plans.types import Target

MAX_SHEET_BYTES = 2_000_000


@strawberry.input(description="修改指标判定口径 / Change how a target is judged.")
class SetTargetScopeInput:
    target_id: strawberry.ID
    scope: TargetScopeEnum  # type: ignore[valid-type]
    expected_version: int = strawberry.field(description="您看到的 Target.version")


@strawberry.type
class SetTargetScopePayload:
    target: Target | None
    user_errors: list[UserError]


@strawberry.mutation(description="修改指标判定口径(专班办公室)/ Set a target's scope (office).")
async def set_target_scope(info: Info, input: SetTargetScopeInput) -> SetTargetScopePayload:
    row, errors = await run_use_case(
        info,
        "setTargetScope",
        lambda actor: target_scopes.set_target_scope(
            actor,
            input_key(input.target_id, "Target", ("targetId",)),
            input.scope,
            input.expected_version,
        ),
    )
    return SetTargetScopePayload(target=Target.of(row) if row else None, user_errors=errors)


@strawberry.input(description="某单位的分解数 / One unit's share.")
class TargetShareInput:
    unit_name: str
    share: Decimal


@strawberry.input(
    description="设置各单位分解数:逐项填写 shares,或导入表格 sheetBase64(.xlsx/.csv,两列:单位、"
    "分解数)/ Set each unit's share of a quota, typed or from a sheet."
)
class SetTargetSharesInput:
    target_id: strawberry.ID
    expected_version: int = strawberry.field(description="您看到的 Target.version")
    shares: list[TargetShareInput] | None = None
    sheet_base64: str | None = strawberry.field(
        default=None, description="表格文件内容(base64)/ the sheet's bytes, base64"
    )


@strawberry.type
class SetTargetSharesPayload:
    target: Target | None
    user_errors: list[UserError]


def _shares(input: SetTargetSharesInput) -> list[tuple[str, Decimal]]:
    if (input.shares is None) == (input.sheet_base64 is None):
        raise Invalid("请逐项填写各单位分解数，或导入一个表格（二选一）", ("shares",))
    if input.shares is not None:
        return [(s.unit_name, s.share) for s in input.shares]
    try:
        content = base64.b64decode(input.sheet_base64 or "", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Invalid("表格文件内容不是有效的 base64", ("sheetBase64",)) from exc
    if len(content) > MAX_SHEET_BYTES:
        raise Invalid("表格文件过大（不超过2MB）", ("sheetBase64",))
    return share_sheet.read_shares(content)


@strawberry.mutation(description="设置各单位分解数(专班办公室)/ Set a quota's shares (office).")
async def set_target_shares(info: Info, input: SetTargetSharesInput) -> SetTargetSharesPayload:
    async def work(actor: Actor) -> TargetRow:
        return await target_scopes.set_target_shares(
            actor,
            input_key(input.target_id, "Target", ("targetId",)),
            _shares(input),
            input.expected_version,
        )

    row, errors = await run_use_case(info, "setTargetShares", work)
    return SetTargetSharesPayload(target=Target.of(row) if row else None, user_errors=errors)


@strawberry.type
class PlanTargetMutation:
    set_target_scope = set_target_scope
    set_target_shares = set_target_shares
