"""The query cost model, and the extension that refuses a query costing more than a limit.

Cost model: every selected field costs 1. A field that returns a list multiplies the cost of
what is selected under it by its expected length: for a connection, its ``first`` argument
(100 when absent); for any other list, ``LIST_ESTIMATE`` (10). Fragments count where they are
spread. So ``tasks(first: 22) { nodes { title leadUnits { name } } }`` costs
1 + 22 × (1 + 1 + 1 + 10 × 1) = 287.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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

LIST_ESTIMATE = 10
CONNECTION_DEFAULT = 100


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
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

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
        named = get_named_type(definition.type)
        inner = self.selection_set(named, node.selection_set, seen)
        if named.name.endswith("Connection"):
            return 1 + self._first(node) * inner
        if _is_list(definition.type) and not parent.name.endswith("Connection"):
            return 1 + LIST_ESTIMATE * inner
        return 1 + inner


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any] | None = None,
) -> int:
    root = schema.get_root_type(operation.operation)
    return _Coster(schema, fragments, variables or {}).selection_set(
        root, operation.selection_set, frozenset()
    )


class QueryCostLimiter(SchemaExtension):
    """Refuses, before execution, an operation whose cost exceeds ``max_cost``."""

    def __init__(self, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            for operation in document.definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                name = operation.name.value if operation.name else None
                if context.operation_name is not None and name != context.operation_name:
                    continue
                schema = context.schema._schema
                cost = query_cost(schema, operation, fragments, context.variables)
                if cost > self.max_cost:
                    raise GraphQLError(
                        f"query cost {cost} exceeds the cost limit of {self.max_cost} "
                        "(each field costs 1; lists multiply by first, or by 10)"
                    )
        yield
