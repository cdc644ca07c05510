"""Running a query through its compiled plan, with graphql-core's executor as the fallback.

``compiling_executor(size)`` makes the execution-context class the schema hands to graphql-core.
Everything around execution is untouched: parsing, validation, the depth/alias/token/cost
limits, the caller's budget, the input guard and the error masking are strawberry extensions
and run as before. Only ``execute_operation`` of a query changes: its plan (compiled on first
use, kept per document text and operation name) produces the data; when the plan cannot (an
error, a null where the schema forbids one, any shape it does not handle) the operation runs
again on graphql-core's executor, which then gives the answer, errors and nulls included.

A mutation is never run again: graphql-core's executor runs it as always (its root fields one
after the other, each through strawberry's resolver wrapper, so permissions, extensions,
userErrors and the errors of a failing resolver are the normal ones); only the completion of
each root field's payload goes through the plan's projection, over the object the resolver
returned. When the projection cannot complete it (as above: an error, a null, any shape it
does not handle) graphql-core's completion takes that same object, so the payload's answer and
errors are the normal ones; only the payload's fields (reads) may be resolved twice.

Plans are never compiled for subscriptions, introspection, documents with directives other than
constant ``@skip``/``@include`` (a variable would change which fields are selected),
``@defer``/``@stream``, fragment arguments, or when a strawberry extension wraps every resolver
(a middleware).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from types import CoroutineType
from typing import Any

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    validate,
    visit,
)
from graphql.execution.collect_fields import FragmentDetails
from graphql.execution.executor import default_field_resolver
from graphql.execution.values import VariableValues
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from tongnan.schema.compiled.plan import FieldStep, OperationPlan

log = logging.getLogger(__name__)

CONSTANT_DIRECTIVES = frozenset({"skip", "include"})


class _Directives(Visitor):
    """Finds a directive the plan cannot fix once for every request."""

    def __init__(self) -> None:
        super().__init__()
        self.reason: str | None = None

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        if node.name.value not in CONSTANT_DIRECTIVES:
            self.reason = f"directive @{node.name.value}"
        elif not all(isinstance(a.value, BooleanValueNode) for a in node.arguments or ()):
            self.reason = f"@{node.name.value} on a variable"

    def enter_fragment_definition(self, node: FragmentDefinitionNode, *_: Any) -> None:
        if getattr(node, "variable_definitions", None):
            self.reason = "fragment arguments"


def not_compiled_because(document: DocumentNode, operation: OperationDefinitionNode) -> str | None:
    """Why this operation always takes the normal path, or None when it can be compiled."""
    if operation.operation not in (OperationType.QUERY, OperationType.MUTATION):
        return str(operation.operation.value)
    if operation.directives:
        return "operation directives"
    visitor = _Directives()
    visit(document, visitor)
    return visitor.reason


@dataclass
class PlanStore:
    """Compiled plans by (document text, operation name), bounded (LRU), with counters."""

    size: int = 256
    enabled: bool = True  # False: every query on graphql-core's executor (the tests compare)
    plans: OrderedDict[tuple[str, str | None], OperationPlan | str] = field(
        default_factory=OrderedDict
    )
    compiled_runs: int = 0
    compiled_payloads: int = 0  # mutations' root fields completed by their plans
    fallbacks: int = 0
    not_compiled: int = 0
    fallback_reasons: dict[str, int] = field(default_factory=dict)

    def plan_for(
        self, document: DocumentNode, operation: OperationDefinitionNode
    ) -> OperationPlan | str:
        """The operation's plan, or why it has none."""
        source = operation.loc.source.body if operation.loc is not None else None
        if source is None:
            return "no source text"
        key = (source, operation.name.value if operation.name else None)
        plan = self.plans.get(key)
        if plan is None:
            plan = not_compiled_because(document, operation) or OperationPlan(operation)
            self.plans[key] = plan
            while len(self.plans) > self.size:
                self.plans.popitem(last=False)
        else:
            self.plans.move_to_end(key)
        return plan

    def forget(self, document_text: str, operation_name: str | None) -> None:
        self.plans.pop((document_text, operation_name), None)

    def fell_back(self, reason: str) -> None:
        self.fallbacks += 1
        self.fallback_reasons[reason] = self.fallback_reasons.get(reason, 0) + 1


class CompilingExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, asked to try the operation's compiled plan first."""

    store: PlanStore = PlanStore()
    document: DocumentNode | None = None
    payloads: dict[str, FieldStep] | None = None  # a mutation's compiled payload completions

    @classmethod
    def build(cls, schema: Any, document: DocumentNode, *args: Any, **kwargs: Any) -> Any:
        executor = super().build(schema, document, *args, **kwargs)
        if isinstance(executor, CompilingExecutionContext):
            executor.document = document
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        plan: OperationPlan | str = "not a plain run"
        if (
            serially is None
            and self.store.enabled
            and self.document is not None
            and self.abort_signal is None
            and (self.middleware_manager is None or _no_middleware(self.middleware_manager))
        ):
            plan = self.store.plan_for(self.document, self.operation)
        if isinstance(plan, OperationPlan) and self.operation.operation is OperationType.MUTATION:
            self.payloads = plan.payload_steps(self)
            if self.payloads is None:
                self.store.not_compiled += 1
            return super().execute_operation(serially)  # never run again: see complete_value
        if isinstance(plan, OperationPlan) and plan.unhandled is not None:
            plan = plan.unhandled
        if isinstance(plan, str):
            self.store.not_compiled += 1
            return super().execute_operation(serially)
        return self._run(plan)

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        """A mutation's root field: its payload completed by the plan's projection, else (or
        when the projection cannot) as graphql-core completes it, from the same object."""
        payloads = self.payloads
        step = None if payloads is None or path.prev is not None else payloads.get(str(path.key))
        if step is None or isinstance(result, Exception):
            return super().complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
        try:
            completed = step.complete(result, self, path, step)
        except Exception as exc:
            return self._complete_normally(
                exc, return_type, field_details_list, info, path, result, position_context
            )
        if type(completed) is CoroutineType:
            return self._complete_later(
                completed, return_type, field_details_list, info, path, result, position_context
            )
        self.store.compiled_payloads += 1
        return completed

    async def _complete_later(
        self,
        completed: Awaitable[Any],
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        try:
            value = await completed
        except Exception as exc:
            value = self._complete_normally(
                exc, return_type, field_details_list, info, path, result, position_context
            )
            if self.is_awaitable(value):
                value = await value
            return value
        self.store.compiled_payloads += 1
        return value

    def _complete_normally(
        self,
        exc: Exception,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        reason = type(exc).__name__ + (f": {exc.args[0]}" if exc.args else "")
        log.debug("compiled payload fell back (%s)", reason)
        self.store.fell_back(reason)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    async def _run(self, plan: OperationPlan) -> Any:
        try:
            data = plan.run(self)
            if self.is_awaitable(data):
                data = await data
        except Exception as exc:
            reason = type(exc).__name__ + (f": {exc.args[0]}" if exc.args else "")
            log.debug("compiled plan fell back (%s)", reason)
            self.store.fell_back(reason)
            self.collected_errors.__init__()  # type: ignore[misc]  # nothing recorded twice
            result = super().execute_operation()
            if self.is_awaitable(result):
                result = await result
            return result
        self.store.compiled_runs += 1
        self.run_async_work_finished_hook()
        return ExecutionResult(data, None)


def _no_middleware(manager: Any) -> bool:
    return getattr(manager, "_middleware_resolvers", None) is None


def compiling_executor(size: int = 256) -> type[CompilingExecutionContext]:
    """A class of its own per schema: its plans are kept on it."""
    return type(
        "SchemaCompilingExecutionContext",
        (CompilingExecutionContext,),
        {"store": PlanStore(size=size)},
    )


@dataclass
class _Ahead:
    """What compiling reads of an executor, for a document compiled before any request (only
    constant ``@skip``/``@include`` are compiled, so no variable is needed)."""

    schema: GraphQLSchema
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDetails]
    variable_values: VariableValues = field(default_factory=lambda: VariableValues({}, {}))
    hide_suggestions: bool = False
    field_resolver: Any = default_field_resolver


def compile_ahead(
    schema: GraphQLSchema, store: PlanStore, text: str
) -> list[tuple[str | None, str | None]]:
    """Compile the queries of ``text`` now (a trusted document, at start): for each operation
    its name and why it is not compiled (None when it is). A document that does not parse or
    validate is left to the requests, which refuse it as usual."""
    try:
        document = parse(text)
    except GraphQLError as error:
        return [(None, f"syntax: {error.message}")]
    if validate(schema, document):
        return [(None, "invalid")]
    fragments = {
        d.name.value: FragmentDetails(d)
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    outcome: list[tuple[str | None, str | None]] = []
    for operation in document.definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        name = operation.name.value if operation.name else None
        plan = store.plan_for(document, operation)
        if isinstance(plan, OperationPlan):
            plan.compile(_Ahead(schema, operation, fragments))  # type: ignore[arg-type]
            plan = plan.unhandled or plan
        outcome.append((name, plan if isinstance(plan, str) else None))
    return outcome


def compile_documents(schema: Any, texts: Iterable[str]) -> dict[str, str]:
    """Compile ``texts`` (the trusted documents) into ``schema``'s plans at start; returns the
    operations left to graphql-core's executor, each with its reason (logged too)."""
    context_class = getattr(schema, "execution_context_class", None)
    if not isinstance(context_class, type) or not issubclass(
        context_class, CompilingExecutionContext
    ):
        return {}
    left: dict[str, str] = {}
    for text in texts:
        for name, reason in compile_ahead(schema._schema, context_class.store, text):
            if reason is not None:
                left[name or text[:40]] = reason
    for name, reason in left.items():
        log.info("trusted operation %s runs on graphql-core's executor (%s)", name, reason)
    return left
