"""``issueUrgeNotice``: the office urges a unit about what it has overdue (催办)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.models import UrgeNotice as NoticeRow
from tongnan.domain.supervision.urging import issue_urge_notice as issue
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision.store import store_of_plan
from tongnan.schema.supervision.urge import UrgeNotice


@strawberry.input(
    description="催办:缺省列明该单位全部逾期整改事项和逾期报告 / Urge a unit; by default about "
    "every overdue rectification item and overdue report of the unit."
)
class IssueUrgeNoticeInput:
    unit_name: str
    item_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="只催这些整改事项 / only these overdue items"
    )
    include_reports: bool = strawberry.field(
        default=True, description="同时催办逾期进展报告 / also the overdue progress reports"
    )
    issued_on: dt.date | None = strawberry.field(
        default=None, description="发出日期,缺省为今天 / date of issue (default: today)"
    )
    plan_code: str | None = None


@strawberry.type
class IssueUrgeNoticePayload:
    urge_notice: UrgeNotice | None
    user_errors: list[UserError]


@strawberry.mutation(description="发出催办通知(专班办公室)/ Issue an urge notice (office).")
async def issue_urge_notice(info: Info, input: IssueUrgeNoticeInput) -> IssueUrgeNoticePayload:
    async def work(actor: Actor) -> NoticeRow:
        ids = None
        if input.item_ids is not None:
            ids = [
                input_key(v, "RectificationItem", ("itemIds", str(i)))
                for i, v in enumerate(input.item_ids)
            ]
        return await issue(
            actor,
            input.unit_name,
            input.issued_on or info.context.today(),
            info.context.now(),
            item_ids=ids,
            include_reports=input.include_reports,
            plan_code=input.plan_code,
        )

    row, errors = await run_use_case(info, "issueUrgeNotice", work)
    if row is None:
        return IssueUrgeNoticePayload(urge_notice=None, user_errors=errors)
    store = await store_of_plan(info, row.plan_id)
    return IssueUrgeNoticePayload(urge_notice=UrgeNotice.of(store, row), user_errors=[])
