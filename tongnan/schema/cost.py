"""The query cost model, and the extension that refuses a query costing more than a limit or
more than its caller's budget holds.

Cost model: a selected scalar costs 1 (long text 10, a whole file 1000: ``WEIGHTS``); an object
costs 1 plus what is selected under it. A list costs 1 plus the cost of one element times its
expected length: for a connection, its ``first`` argument (100 when absent), no more than the
plan holds (``tasks`` pages at most every task); for any other list, the plan's real size
(``SIZES``: every unit for ``units``, the longest duty list of any unit for ``Unit.duties``, the
largest group for ``Unit.members``, …), measured when the plan is loaded, and 10 for a list
the plan does not measure or before any plan is loaded. Fragments count where they are spread.

A document's cost is computed once per query text, operation, ``first`` variables and plan
sizes, then remembered (like validation), so a repeated query costs a dictionary lookup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

from tongnan.domain.common.lookup import PlanNotFound
from tongnan.domain.plans.fan_out import FanOut
from tongnan.schema.common.context import Context

CONNECTION_DEFAULT = 100
LIST_ESTIMATE = 10  # a list the plan does not measure, or any list before a plan is loaded
TEXT = 10  # prose: a task's body, a report's summary …
FILE = 1000  # a whole exported file in one string
DRAWING = 100  # a picture drawn on request (a task's chain as SVG)

WEIGHTS: Mapping[str, int] = {
    "Task.body": TEXT,
    "ProgressReport.summary": TEXT,
    "ProgressReport.problems": TEXT,
    "ProgressReport.nextSteps": TEXT,
    "ProgressReport.reviewComment": TEXT,
    "Finding.description": TEXT,
    "RectificationItem.measures": TEXT,
    "RectificationItem.latestProgress": TEXT,
    "RectificationItem.verificationNote": TEXT,
    "RectificationUpdate.content": TEXT,
    "Supervision.notes": TEXT,
    "AuditEvent.beforeJson": TEXT,
    "AuditEvent.afterJson": TEXT,
    "ResponsibilityMatrix.csv": FILE,
    "MatrixFile.contentBase64": FILE,
    "Task.chainSvg": DRAWING,
    "LedgerFile.contentBase64": FILE,
}

SIZES: Mapping[str, str] = {  # list field -> the FanOut size it runs to
    "Query.units": "units",
    "Query.tasks": "tasks",
    "Query.urgeCounts": "units",
    "Query.warnings": "duties",
    "Query.overdueOf": "duties_per_unit",
    "WorkPlan.sections": "sections",
    "WorkPlan.tasks": "tasks",
    "WorkPlan.addressees": "addressees",
    "Section.tasks": "tasks_per_section",
    "Task.leadUnits": "leads_per_task",
    "Task.responsibleUnits": "responsible_per_task",
    "Task.assignments": "assignments_per_task",
    "Task.targets": "targets_per_task",
    "Unit.members": "members_per_group",
    "Unit.groups": "groups_per_unit",
    "Unit.assignments": "assignments_per_unit",
    "Unit.duties": "duties_per_unit",
    "Duty.via": "groups_per_unit",
    "AccountabilityChain.reviewers": "leads_per_task",
    "ReportingRound.tasks": "tasks",
    "ReportingRound.taskNumbers": "tasks",
    "RoundTask.reports": "units_per_task",
    "RoundTask.targets": "targets_per_task",
    "ResponsibilityMatrix.rows": "tasks",
    "ResponsibilityMatrix.columns": "units",
    "MatrixRow.cells": "units",
    "MatrixRow.leads": "leads_per_task",
    "MatrixRow.responsible": "responsible_per_task",
    "Gaps.tasksWithoutLead": "tasks",
    "Gaps.groupsWithoutMembers": "groups",
    "Gaps.unlistedUnits": "units",
}

COST_LIMIT = "COST_LIMIT"
RATE_LIMITED = "RATE_LIMITED"


def _is_list(type_: GraphQLOutputType) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


class _Coster:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        fan_out: FanOut | None,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.fan_out = fan_out

    def _first(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                return given if isinstance(given, int) and given >= 0 else CONNECTION_DEFAULT
        return CONNECTION_DEFAULT

    def _size(self, name: str) -> int | None:
        size = SIZES.get(name)
        return None if size is None or self.fan_out is None else self.fan_out.size(size)

    def selection_set(
        self, parent: Any, selections: SelectionSetNode | None, seen: frozenset[str]
    ) -> int:
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(target, selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # unknown or cyclic: validation reports it
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_set(target, fragment.selection_set, seen | {name})
        return total

    def field(self, parent: Any, node: FieldNode, seen: frozenset[str]) -> int:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(node.name.value)
        if definition is None:  # __typename, introspection roots, or unknown
            if node.name.value == "__schema":
                definition_type: Any = self.schema.get_type("__Schema")
            elif node.name.value == "__type":
                definition_type = self.schema.get_type("__Type")
            else:
                return 1
            return 1 + self.selection_set(definition_type, node.selection_set, seen)
        name = f"{parent.name}.{node.name.value}"
        named = get_named_type(definition.type)
        if node.selection_set is None:
            element = WEIGHTS.get(name, 1)
        else:
            element = self.selection_set(named, node.selection_set, seen)
        size = self._size(name)
        if named.name.endswith("Connection"):
            first = self._first(node)
            return 1 + (first if size is None else min(first, size)) * element
        if _is_list(definition.type) and not parent.name.endswith("Connection"):
            return 1 + (LIST_ESTIMATE if size is None else size) * element
        return element if node.selection_set is None else 1 + element


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any] | None = None,
    fan_out: FanOut | None = None,
) -> int:
    root = schema.get_root_type(operation.operation)
    coster = _Coster(schema, fragments, variables or {}, fan_out)
    return coster.selection_set(root, operation.selection_set, frozenset())


class CostCache:
    """Bounded memo of computed costs (least recently used first out)."""

    def __init__(self, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self._costs: OrderedDict[Hashable, int] = OrderedDict()

    def get(self, key: Hashable) -> int | None:
        cost = self._costs.get(key)
        if cost is not None:
            self._costs.move_to_end(key)
        return cost

    def put(self, key: Hashable, cost: int) -> None:
        self._costs[key] = cost
        if len(self._costs) > self.max_entries:
            self._costs.popitem(last=False)


async def _fan_out(context: object) -> FanOut | None:
    """The current plan's list sizes (None: no plan); the plan is loaded here if no request
    has loaded it yet (the request's own fields then use that same load)."""
    if not isinstance(context, Context):
        return None
    if context.plans.fan_out is None:
        try:
            await context.bundle()
        except PlanNotFound:
            return None
    return context.plans.fan_out


def too_costly(cost: int, limit: int) -> GraphQLError:
    return GraphQLError(
        f"一次查询的内容过多:估算 {cost} 点,上限 {limit} 点。"
        "请减少查询的字段或层级,或用 first 分页查询。",
        extensions={"code": COST_LIMIT, "cost": cost, "limit": limit},
    )


def throttled(seconds: int) -> GraphQLError:
    return GraphQLError(
        f"查询过于频繁,查询额度暂时用完了,请 {seconds} 秒后再试。",
        extensions={"code": RATE_LIMITED, "retryAfter": seconds},
    )


class QueryCostLimiter(SchemaExtension):
    """Refuses, before execution, an operation whose cost exceeds ``max_cost``, and one its
    caller's budget (``Context.caller``) cannot pay for now."""

    def __init__(self, max_cost: int, costs: CostCache | None = None) -> None:
        self.max_cost = max_cost
        self.costs = costs or CostCache()

    def _operation(self) -> OperationDefinitionNode | None:
        context = self.execution_context
        document = context.graphql_document
        for definition in document.definitions if document is not None else ():
            if not isinstance(definition, OperationDefinitionNode):
                continue
            name = definition.name.value if definition.name else None
            if context.operation_name is None or name == context.operation_name:
                return definition
        return None

    def _cost(self, operation: OperationDefinitionNode, fan_out: FanOut | None) -> int:
        context = self.execution_context
        variables = context.variables or {}
        key = None
        if context.query is not None:
            numbers = tuple(sorted((k, v) for k, v in variables.items() if type(v) is int))
            key = (context.query, context.operation_name, numbers, fan_out)
            known = self.costs.get(key)
            if known is not None:
                return known
        document = context.graphql_document
        definitions = document.definitions if document is not None else ()
        fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        cost = query_cost(context.schema._schema, operation, fragments, variables, fan_out)
        if key is not None:
            self.costs.put(key, cost)
        return cost

    async def on_execute(self) -> AsyncIterator[None]:
        operation = self._operation()
        if operation is not None:
            request = self.execution_context.context
            cost = self._cost(operation, await _fan_out(request))
            if cost > self.max_cost:
                raise too_costly(cost, self.max_cost)
            caller = request.caller if isinstance(request, Context) else None
            if caller is not None and (wait := caller.charge(cost)):
                raise throttled(wait)
        yield
