"""``createSupervision`` and ``updateSupervision`` (the office or a supervisor)."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.values import UnitKind
from tongnan.domain.models import Supervision as SupervisionRow
from tongnan.domain.models.supervision import SupervisionKind
from tongnan.domain.supervision import supervisions as service
from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import UnitKindEnum
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.supervision.enums import SupervisionKindEnum
from tongnan.schema.supervision.inputs import PersonInput, optional_persons, persons
from tongnan.schema.supervision.pool import duty_pool
from tongnan.schema.supervision.store import store_of_plan
from tongnan.schema.supervision.types import Supervision


@strawberry.input(
    description="随机抽取督查对象:从承担任务的单位中按种子抽签 / Draw the units to check by lot "
    "from the units with duties on the tasks checked (all tasks when none are named)."
)
class SpotCheckDrawInput:
    count: int = strawberry.field(description="抽取数量 / how many units to pick")
    seed: str | None = strawberry.field(
        default=None, description="种子;缺省由服务器随机生成并记录 / the seed (default: random)"
    )
    unit_kinds: list[UnitKindEnum] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="只抽这些类别,如 TOWN / draw only units of these kinds"
    )


@strawberry.input(description="新建督查 / Record a supervision.")
class CreateSupervisionInput:
    kind: SupervisionKindEnum  # type: ignore[valid-type]
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    team: list[PersonInput] | None = None
    unit_names: list[str] | None = strawberry.field(
        default=None, description="督查对象单位(与 draw 二选一)/ the units checked (or draw)"
    )
    task_numbers: list[int] | None = None
    notes: str = ""
    draw: SpotCheckDrawInput | None = strawberry.field(
        default=None, description="随机抽查暗访的抽签 / a spot check's draw"
    )
    plan_code: str | None = None


@strawberry.type
class SupervisionPayload:
    supervision: Supervision | None
    user_errors: list[UserError]


async def _payload(
    info: Info, row: SupervisionRow | None, errors: list[UserError]
) -> SupervisionPayload:
    if row is None:
        return SupervisionPayload(supervision=None, user_errors=errors)
    store = await store_of_plan(info, row.plan_id)
    return SupervisionPayload(supervision=Supervision.of(store, row), user_errors=[])


@strawberry.mutation(
    description="新建督查;抽查暗访可按种子随机抽取对象(专班办公室、督查人员)/ Record a "
    "supervision; a spot check may draw its units by lot (office or supervisor)."
)
async def create_supervision(info: Info, input: CreateSupervisionInput) -> SupervisionPayload:
    async def work(actor: Actor) -> SupervisionRow:
        draw = None
        if input.draw is not None:
            bundle = await info.context.bundle(input.plan_code)
            kinds = [UnitKind(k) for k in input.draw.unit_kinds or ()]
            pool = duty_pool(bundle, input.task_numbers or (), kinds)
            draw = service.DrawRequest(pool, input.draw.count, input.draw.seed)
        draft = service.SupervisionDraft(
            kind=SupervisionKind(input.kind),
            title=input.title,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            team=persons(input.team),
            unit_names=tuple(input.unit_names or ()),
            task_numbers=tuple(input.task_numbers or ()),
            notes=input.notes,
            draw=draw,
        )
        return await service.create_supervision(actor, draft, info.context.now(), input.plan_code)

    row, errors = await run_use_case(info, "createSupervision", work)
    return await _payload(info, row, errors)


@strawberry.input(description="修改督查;未给出的字段不变 / Change a supervision; omitted: kept.")
class UpdateSupervisionInput:
    id: strawberry.ID
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")
    title: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    team: list[PersonInput] | None = None
    notes: str | None = None


@strawberry.mutation(description="修改督查(专班办公室、督查人员)/ Change a supervision.")
async def update_supervision(info: Info, input: UpdateSupervisionInput) -> SupervisionPayload:
    async def work(actor: Actor) -> SupervisionRow:
        changes = service.SupervisionChanges(
            title=input.title,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            team=optional_persons(input.team),
            notes=input.notes,
        )
        key = input_key(input.id, "Supervision", ("id",))
        return await service.update_supervision(
            actor, key, input.expected_version, changes, info.context.now()
        )

    row, errors = await run_use_case(info, "updateSupervision", work)
    return await _payload(info, row, errors)
