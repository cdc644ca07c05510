"""The directory feature's ``Query`` fields: the caller (``viewer``) and the units.

Two roots only so that ``schema.py`` can keep the published field order.
"""

from __future__ import annotations

import strawberry

from tongnan.schema.common.context import Info
from tongnan.schema.common.enums import UnitKindEnum
from tongnan.schema.common.loading import query_plan
from tongnan.schema.directory.types import Unit
from tongnan.schema.directory.viewer import Viewer


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="当前调用者;无令牌为空 / The caller; null without a token.")
    def viewer(self, info: Info) -> Viewer | None:
        actor = info.context.actor
        if actor is None:
            return None
        return Viewer(name=actor.name, role=actor.role, unit_name=actor.unit_name)


@strawberry.type
class UnitQuery:
    @strawberry.field(description="单位名录 / The directory of units, in directory order.")
    async def units(
        self,
        info: Info,
        kind: UnitKindEnum | None = None,  # type: ignore[valid-type]
    ) -> list[Unit]:
        bundle = await query_plan(info.context.loaders, None)
        return [Unit.of(bundle, u) for u in bundle.view.units if kind is None or u.kind is kind]

    @strawberry.field(description="按名称或别名取单位 / A unit by name or alias.")
    async def unit(self, info: Info, name: str) -> Unit | None:
        bundle = await query_plan(info.context.loaders, None)
        unit = bundle.view.units_by_name.get(name)
        return Unit.of(bundle, unit) if unit else None
