"""``AccountabilityChain``: how a unit's report on a task travels up to the office."""

from __future__ import annotations

import strawberry

from tongnan.responsibility_matrix import AccountabilityChain as Chain
from tongnan.responsibility_matrix import UnitRef
from tongnan.schema.common.enums import AssignmentRoleEnum
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.enums import ChainRelationEnum, ChainStepKindEnum
from tongnan.schema.plans.types import Task


def unit_of(bundle: PlanBundle, ref: UnitRef) -> Unit | None:
    unit = bundle.view.units_by_id.get(ref.id) if ref.id is not None else None
    return Unit.of(bundle, unit) if unit is not None else None


@strawberry.type(description="责任链中的一环 / One step of an accountability path.")
class ChainStep:
    kind: ChainStepKindEnum  # type: ignore[valid-type]
    name: str
    unit: Unit | None
    relation: ChainRelationEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="与上一环的关系;专班办公室为空 / tie to the next step; null at the office"
    )


@strawberry.type(description="一条上报路径 / One way a report travels up to the office.")
class ChainPath:
    steps: list[ChainStep]


@strawberry.type(
    description="某单位就某任务的责任链 / Who a unit answers to on a task, up to the office."
)
class AccountabilityChain:
    task: Task
    unit: Unit | None
    role: AssignmentRoleEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="本单位在该任务中的角色;无职责为空 / the unit's role; null: no duty"
    )
    paths: list[ChainPath]
    reviewers: list[Unit] = strawberry.field(
        description="审核本单位报告者:牵头单位,或牵头单位本身报告时为专班办公室 / who "
        "reviews this unit's reports: the lead units, or the office for a lead"
    )

    @strawberry.field(description="是否负有职责 / whether the unit has a duty on the task")
    def has_duty(self) -> bool:
        return self.role is not None

    @classmethod
    def of(cls, bundle: PlanBundle, chain: Chain) -> AccountabilityChain:
        graph = bundle.graph
        reviewers = graph.reviewers_of(chain.task.number, chain.unit.name).reviewers
        return cls(
            task=Task.of(bundle, bundle.view.tasks_by_id[chain.task.id]),
            unit=unit_of(bundle, chain.unit),
            role=chain.role,
            paths=[
                ChainPath(
                    steps=[
                        ChainStep(
                            kind=step.kind,
                            name=step.unit.name,
                            unit=unit_of(bundle, step.unit),
                            relation=step.relation,
                        )
                        for step in path.steps
                    ]
                )
                for path in chain.paths
            ],
            reviewers=[u for u in (unit_of(bundle, r) for r in reviewers) if u is not None],
        )
