"""``ResponsibilityMatrix``: tasks × units, per-unit load, and what the plan leaves open."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterable

import strawberry
from graphql import GraphQLError

from tongnan.domain.common.errors import DomainError
from tongnan.domain.common.permissions import require_read
from tongnan.domain.rules.files import XLSX, safe_name
from tongnan.responsibility_matrix import Gaps as GapsResult
from tongnan.responsibility_matrix import Matrix, UnitRef
from tongnan.schema.common.context import Info
from tongnan.schema.common.plan_cache import PlanBundle
from tongnan.schema.directory.types import Unit
from tongnan.schema.plans.accountability import unit_of
from tongnan.schema.plans.enums import MatrixMarkEnum
from tongnan.schema.plans.types import Task


@strawberry.type(description="矩阵的一列:单位及其负荷 / A column: a unit and its load.")
class MatrixColumn:
    unit: Unit
    lead_count: int = strawberry.field(description="牵头任务数 / tasks it leads")
    responsible_count: int = strawberry.field(
        description="负责任务数 / tasks it is responsible for"
    )


@strawberry.type(description="单元格:L 牵头、R 责任,* 表示经由集体单位 / A cell.")
class MatrixCell:
    column: int = strawberry.field(description="列序号(从 0 起)/ index into columns")
    lead: MatrixMarkEnum | None  # type: ignore[valid-type]
    responsible: MatrixMarkEnum | None  # type: ignore[valid-type]
    text: str = strawberry.field(description='如 "L"、"R*"、"L/R*"')


@strawberry.type(description="矩阵的一行:一项任务 / A row: one task.")
class MatrixRow:
    task: Task
    leads: list[str] = strawberry.field(description="通知所列牵头单位 / leads as written")
    responsible: list[str] = strawberry.field(description="通知所列责任单位 / as written")
    cells: list[MatrixCell] = strawberry.field(description="非空单元格 / the non-empty cells")


@strawberry.type(description="未限定范围的按任务集体 / A per-task group with no members chosen.")
class UnscopedGroup:
    group: Unit
    task: Task


@strawberry.type(description="计划中的缺口 / What the plan leaves open.")
class Gaps:
    tasks_without_lead: list[Task]
    groups_without_members: list[Unit]
    unscoped_groups: list[UnscopedGroup]
    unlisted_units: list[Unit] = strawberry.field(
        description="计划点名但不在名录中的单位 / named by the plan, missing from the directory"
    )
    membership_cycles: list[list[str]]
    ambiguous_leads: list[UnscopedGroup] = strawberry.field(
        description="成员未定的牵头集体 / lead groups whose members are not known"
    )


def _units(bundle: PlanBundle, refs: Iterable[UnitRef]) -> list[Unit]:
    return [u for u in (unit_of(bundle, r) for r in refs) if u is not None]


def _task(bundle: PlanBundle, task_id: int) -> Task:
    return Task.of(bundle, bundle.view.tasks_by_id[task_id])


def gaps_of(bundle: PlanBundle, gaps: GapsResult) -> Gaps:
    def pair(group: UnitRef, task_id: int) -> UnscopedGroup | None:
        unit = unit_of(bundle, group)
        return UnscopedGroup(group=unit, task=_task(bundle, task_id)) if unit else None

    return Gaps(
        tasks_without_lead=[_task(bundle, t.id) for t in gaps.tasks_without_lead],
        groups_without_members=_units(bundle, gaps.groups_without_members),
        unscoped_groups=[
            p for p in (pair(g.group, g.task.id) for g in gaps.unscoped_groups) if p is not None
        ],
        unlisted_units=_units(bundle, gaps.unlisted_units),
        membership_cycles=[[u.name for u in cycle] for cycle in gaps.membership_cycles],
        ambiguous_leads=[
            p for p in (pair(g.group, g.task.id) for g in gaps.ambiguous_leads) if p is not None
        ],
    )


@strawberry.type(description="矩阵文件 / The matrix as an .xlsx file.")
class MatrixFile:
    filename: str
    content_type: str
    content_base64: str = strawberry.field(description="文件内容(Base64)/ the file, Base64")


def authorise_matrix_read(info: Info) -> None:
    """The matrix and its files are read under the table's ``matrix.read``."""
    try:
        require_read(info.context.actor, "matrix.read")
    except DomainError as error:
        raise GraphQLError(error.message) from None


@strawberry.type(description="责任分工矩阵 / The tasks × units responsibility matrix.")
class ResponsibilityMatrix:
    plan_code: str
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    gaps: Gaps
    _matrix: strawberry.Private[Matrix]

    @strawberry.field(description="CSV(中文表头)/ the matrix as CSV, with Chinese headers")
    def csv(self) -> str:
        return self._matrix.to_csv()

    @strawberry.field(
        description="Excel 文件(.xlsx,Base64;表头加粗冻结,牵头/责任着色)"
        " / the matrix as an .xlsx file, Base64"
    )
    async def xlsx(self, info: Info) -> MatrixFile:
        authorise_matrix_read(info)
        content = await asyncio.to_thread(self._matrix.to_xlsx)
        return MatrixFile(
            filename=safe_name(f"责任矩阵-{self.plan_code}.xlsx", XLSX),
            content_type=XLSX,
            content_base64=base64.b64encode(content).decode(),
        )

    @classmethod
    def of(cls, bundle: PlanBundle) -> ResponsibilityMatrix:
        graph = bundle.graph
        matrix: Matrix = graph.matrix()
        columns = []
        for column in matrix.columns:
            unit = unit_of(bundle, column.unit)
            if unit is not None:
                columns.append(
                    MatrixColumn(
                        unit=unit,
                        lead_count=column.lead_count,
                        responsible_count=column.responsible_count,
                    )
                )
        rows = [
            MatrixRow(
                task=_task(bundle, row.task.id),
                leads=list(row.leads),
                responsible=list(row.responsible),
                cells=[
                    MatrixCell(
                        column=i, lead=cell.lead, responsible=cell.responsible, text=cell.text
                    )
                    for i, cell in enumerate(row.cells)
                    if cell is not None
                ],
            )
            for row in matrix.rows
        ]
        return cls(
            plan_code=matrix.plan_code,
            columns=columns,
            rows=rows,
            gaps=gaps_of(bundle, graph.gaps()),
            _matrix=matrix,
        )
