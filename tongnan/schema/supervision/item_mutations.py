"""Changing an item: edit it, record progress (its unit), verify, reject or void it (the office)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import RectificationItem as ItemRow
from tongnan.domain.models import RectificationUpdate as UpdateRow
from tongnan.domain.supervision import rectification as service
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision.finding_mutations import RectificationItemPayload, item_payload
from tongnan.schema.supervision.inputs import PersonInput, optional_persons
from tongnan.schema.supervision.items import RectificationItem, RectificationUpdate


@strawberry.input(
    description="修改整改事项;措施与责任人:责任单位或专班办公室;时限与责任单位:专班办公室 / "
    "Change an item: measures and persons (its unit or the office); deadline and unit (office)."
)
class UpdateRectificationItemInput:
    id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    measures: str | None = None
    responsible_persons: list[PersonInput] | None = None
    deadline: dt.date | None = None
    responsible_unit_name: str | None = None


@strawberry.mutation(description="修改整改事项 / Change a rectification item.")
async def update_rectification_item(
    info: Info, input: UpdateRectificationItemInput
) -> RectificationItemPayload:
    async def work(actor: Actor) -> ItemRow:
        changes = service.ItemChanges(
            measures=input.measures,
            responsible_persons=optional_persons(input.responsible_persons),
            deadline=input.deadline,
            responsible_unit_name=input.responsible_unit_name,
        )
        key = input_key(input.id, "RectificationItem", ("id",))
        return await service.edit_item(
            actor, key, input.expected_version, changes, info.context.now()
        )

    row, errors = await run_use_case(info, "updateRectificationItem", work)
    return await item_payload(info, row, errors)


@strawberry.input(
    description="报送整改进展(定期调度);complete 表示已完成待销号 / Report progress on an item; "
    "complete marks it done, for the office to verify."
)
class RecordRectificationProgressInput:
    item_id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    content: str = strawberry.field(description="整改进展 / what was done")
    reported_on: dt.date | None = strawberry.field(
        default=None, description="调度日期,缺省为今天 / the date reported on (default: today)"
    )
    complete: bool = False


@strawberry.type
class RecordRectificationProgressPayload:
    item: RectificationItem | None
    update: RectificationUpdate | None
    user_errors: list[UserError]


@strawberry.mutation(
    description="报送整改进展(本单位事项)/ Report progress on one of your unit's items."
)
async def record_rectification_progress(
    info: Info, input: RecordRectificationProgressInput
) -> RecordRectificationProgressPayload:
    async def work(actor: Actor) -> tuple[ItemRow, UpdateRow]:
        key = input_key(input.item_id, "RectificationItem", ("itemId",))
        return await service.record_progress(
            actor,
            key,
            input.expected_version,
            input.reported_on or info.context.today(),
            input.content,
            info.context.now(),
            complete=input.complete,
        )

    result, errors = await run_use_case(info, "recordRectificationProgress", work)
    if result is None:
        return RecordRectificationProgressPayload(item=None, update=None, user_errors=errors)
    row, update = result
    payload = await item_payload(info, row, [])
    return RecordRectificationProgressPayload(
        item=payload.item, update=RectificationUpdate.of(update), user_errors=[]
    )


@strawberry.input(description="销号核查意见 / The office's verdict on a completed item.")
class CheckRectificationItemInput:
    item_id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    note: str = strawberry.field(description="核查意见 / the note")


@strawberry.mutation(description="销号(专班办公室)/ Verify a completed item and close it (office).")
async def verify_rectification_item(
    info: Info, input: CheckRectificationItemInput
) -> RectificationItemPayload:
    async def work(actor: Actor) -> ItemRow:
        key = input_key(input.item_id, "RectificationItem", ("itemId",))
        return await service.verify_item(
            actor,
            key,
            input.expected_version,
            input.note,
            info.context.now(),
            requires_evidence=info.context.verify_requires_evidence,
        )

    row, errors = await run_use_case(info, "verifyRectificationItem", work)
    return await item_payload(info, row, errors)


@strawberry.mutation(
    description="销号核查未通过,退回整改(专班办公室)/ Verification failed: back to in progress."
)
async def reject_rectification_item(
    info: Info, input: CheckRectificationItemInput
) -> RectificationItemPayload:
    async def work(actor: Actor) -> ItemRow:
        key = input_key(input.item_id, "RectificationItem", ("itemId",))
        return await service.reject_item(
            actor, key, input.expected_version, input.note, info.context.now()
        )

    row, errors = await run_use_case(info, "rejectRectificationItem", work)
    return await item_payload(info, row, errors)


@strawberry.input(description="作废整改事项 / Void an item: kept, struck through, not counted.")
class VoidRectificationItemInput:
    item_id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    reason: str = strawberry.field(description="作废原因 / why the item is voided")


@strawberry.mutation(
    description="作废整改事项(专班办公室;保留留痕,不计入完成率、预警和各问题整改责任单位)/ "
    "Void an item (office): kept and audited, left out of rates, warnings and the derived group."
)
async def void_rectification_item(
    info: Info, input: VoidRectificationItemInput
) -> RectificationItemPayload:
    async def work(actor: Actor) -> ItemRow:
        key = input_key(input.item_id, "RectificationItem", ("itemId",))
        return await service.void_item(
            actor, key, input.expected_version, input.reason, info.context.now()
        )

    row, errors = await run_use_case(info, "voidRectificationItem", work)
    return await item_payload(info, row, errors)
