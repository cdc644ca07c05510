"""``Viewer``: the caller, as the API sees them."""

from __future__ import annotations

import strawberry

from tongnan.domain.common.permissions import RULES, may
from tongnan.schema.common.context import Info
from tongnan.schema.directory.enums import RoleEnum
from tongnan.schema.directory.types import Unit


@strawberry.type(description="当前调用者 / The caller: user, role and unit.")
class Viewer:
    name: str
    role: RoleEnum  # type: ignore[valid-type]
    unit_name: str | None

    @strawberry.field(description="调用者所属单位 / the caller's unit")
    async def unit(self, info: Info) -> Unit | None:
        if self.unit_name is None:
            return None
        bundle = await info.context.bundle()
        unit = bundle.view.units_by_name.get(self.unit_name)
        return Unit.of(bundle, unit) if unit is not None else None

    @strawberry.field(
        description="调用者可执行的操作(本单位范围)/ actions the caller may perform for its unit"
    )
    def permissions(self, info: Info) -> list[str]:
        actor = info.context.actor
        assert actor is not None
        return sorted(action for action in RULES if may(actor, action, actor.unit_id))
