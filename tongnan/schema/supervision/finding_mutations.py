"""``createFinding``, ``updateFinding`` and ``openRectificationItem`` (office or supervisor)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import Finding as FindingRow
from tongnan.domain.models import RectificationItem as ItemRow
from tongnan.domain.models.supervision import FindingSource, Severity
from tongnan.domain.supervision import findings as service
from tongnan.domain.supervision.rectification import ItemDraft, open_item
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision import loaders
from tongnan.schema.supervision.enums import FindingSourceEnum, SeverityEnum
from tongnan.schema.supervision.inputs import PersonInput, persons
from tongnan.schema.supervision.items import RectificationItem
from tongnan.schema.supervision.store import store_of_plan
from tongnan.schema.supervision.types import Finding


@strawberry.input(description="整改事项 / A rectification item to open.")
class RectificationItemInput:
    measures: str = strawberry.field(description="整改措施 / the measures")
    deadline: dt.date = strawberry.field(description="整改时限 / the deadline")
    responsible_unit_name: str = strawberry.field(description="责任单位 / the owning unit")
    responsible_persons: list[PersonInput] | None = strawberry.field(
        default=None, description="责任人 / responsible persons"
    )

    def draft(self) -> ItemDraft:
        return ItemDraft(
            measures=self.measures,
            deadline=self.deadline,
            responsible_unit_name=self.responsible_unit_name,
            responsible_persons=persons(self.responsible_persons),
        )


@strawberry.input(description="记录发现问题及其整改事项 / Record a finding and open its items.")
class CreateFindingInput:
    description: str = strawberry.field(description="问题描述 / the problem")
    source: FindingSourceEnum  # type: ignore[valid-type]
    found_on: dt.date = strawberry.field(description="发现日期 / when it was found")
    source_name: str | None = strawberry.field(
        default=None, description="其他来源的名称(source 为 OTHER 时必填)/ an OTHER source's name"
    )
    severity: SeverityEnum = Severity.GENERAL  # type: ignore[valid-type]
    supervision_id: strawberry.ID | None = None
    task_numbers: list[int] | None = None
    unit_names: list[str] | None = None
    items: list[RectificationItemInput] | None = None
    plan_code: str | None = None


@strawberry.type
class FindingPayload:
    finding: Finding | None
    user_errors: list[UserError]


async def _finding_payload(
    info: Info, row: FindingRow | None, errors: list[UserError]
) -> FindingPayload:
    if row is None:
        return FindingPayload(finding=None, user_errors=errors)
    return FindingPayload(
        finding=Finding.of(await store_of_plan(info, row.plan_id), row), user_errors=[]
    )


@strawberry.mutation(
    description="记录发现问题并建立整改事项(专班办公室、督查人员)/ Record a finding with its "
    "rectification items (office or supervisor)."
)
async def create_finding(info: Info, input: CreateFindingInput) -> FindingPayload:
    async def work(actor: Actor) -> FindingRow:
        supervision = input.supervision_id
        draft = service.FindingDraft(
            description=input.description,
            source=FindingSource(input.source),
            found_on=input.found_on,
            source_detail=input.source_name,
            severity=Severity(input.severity),
            supervision_id=input_key(supervision, "Supervision", ("supervisionId",))
            if supervision is not None
            else None,
            task_numbers=tuple(input.task_numbers or ()),
            unit_names=tuple(input.unit_names or ()),
            items=tuple(i.draft() for i in input.items or ()),
        )
        return await service.create_finding(actor, draft, info.context.now(), input.plan_code)

    row, errors = await run_use_case(info, "createFinding", work)
    return await _finding_payload(info, row, errors)


@strawberry.input(description="修改发现问题;未给出的字段不变 / Change a finding; omitted: kept.")
class UpdateFindingInput:
    id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    description: str | None = None
    severity: SeverityEnum | None = None  # type: ignore[valid-type]
    task_numbers: list[int] | None = None
    unit_names: list[str] | None = None


@strawberry.mutation(description="修改发现问题(专班办公室、督查人员)/ Change a finding.")
async def update_finding(info: Info, input: UpdateFindingInput) -> FindingPayload:
    async def work(actor: Actor) -> FindingRow:
        changes = service.FindingChanges(
            description=input.description,
            severity=Severity(input.severity) if input.severity is not None else None,
            task_numbers=tuple(input.task_numbers) if input.task_numbers is not None else None,
            unit_names=tuple(input.unit_names) if input.unit_names is not None else None,
        )
        key = input_key(input.id, "Finding", ("id",))
        return await service.update_finding(
            actor, key, input.expected_version, changes, info.context.now()
        )

    row, errors = await run_use_case(info, "updateFinding", work)
    return await _finding_payload(info, row, errors)


@strawberry.input(description="为发现问题增加整改事项 / Open one more item on a finding.")
class OpenRectificationItemInput:
    finding_id: strawberry.ID
    item: RectificationItemInput


@strawberry.type
class RectificationItemPayload:
    item: RectificationItem | None
    user_errors: list[UserError]


async def item_payload(
    info: Info, row: ItemRow | None, errors: list[UserError]
) -> RectificationItemPayload:
    if row is None:
        return RectificationItemPayload(item=None, user_errors=errors)
    store = await store_of_plan(info, row.plan_id)
    finding = await info.context.loaders.load(loaders.findings, row.finding_id)
    assert finding is not None  # an item's finding is never deleted
    return RectificationItemPayload(item=RectificationItem.of(store, row, finding), user_errors=[])


@strawberry.mutation(description="增加整改事项(专班办公室、督查人员)/ Open a rectification item.")
async def open_rectification_item(
    info: Info, input: OpenRectificationItemInput
) -> RectificationItemPayload:
    async def work(actor: Actor) -> ItemRow:
        key = input_key(input.finding_id, "Finding", ("findingId",))
        return await open_item(actor, key, input.item.draft(), info.context.now())

    row, errors = await run_use_case(info, "openRectificationItem", work)
    return await item_payload(info, row, errors)
