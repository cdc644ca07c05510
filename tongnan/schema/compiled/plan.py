"""A validated query compiled into nested projection steps over the objects its resolvers return.

The steps do what graphql-core's executor does for an answer without errors, and nothing else:
the same resolvers (strawberry's own per-field wrappers, so permission checks, argument
conversion and loaders are the normal ones), the same field collection, coercion of leaves, list
and non-null completion, ``is_type_of`` and abstract-type resolution; only the generic machinery
around them (building a resolve info for every field, paths for leaves, error bookkeeping) is
left out. A field with no resolver of its own (a plain attribute) is read directly.

Anything unusual is not handled here but signalled: a step raises, and the caller runs the
whole operation again on the normal path (``executor``), which then produces the errors, the
nulls and the messages exactly as before. So this module never builds an error itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from operator import attrgetter
from types import CoroutineType
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    Undefined,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields, collect_subfields
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path
from strawberry.types.arguments import convert_arguments

if TYPE_CHECKING:
    from graphql.execution import Executor

# value, executor, path, field step -> completed value (or an awaitable of it)
Completer = Callable[[Any, "Executor[Any]", Path, "FieldStep"], Any]


class NotProjectable(Exception):
    """This answer leaves the compiled path: the operation runs again on the normal one."""


_STRAWBERRY_IS_TYPE_OF = "strawberry.schema.schema_converter"


class FieldStep:
    """One response key of one selection: how to get its value and how to complete it."""

    __slots__ = (
        "call",
        "complete",
        "details",
        "field_def",
        "key",
        "leaf",
        "leaf_read",
        "nodes",
        "parent_type",
        "read",
        "resolve",
        "typename",
    )

    def __init__(
        self,
        key: str,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        details: list[FieldDetails],
    ) -> None:
        self.key = key
        self.parent_type = parent_type
        self.field_def = field_def
        self.details = details
        self.nodes: list[FieldNode] = [d.node for d in details]
        self.resolve: Callable[..., Any] | None = None
        self.read: Callable[[Any], Any] | None = None
        # a scalar or enum attribute: (read, coerce, non-null, may hold an error object)
        self.leaf_read: tuple[Callable[[Any], Any], Callable[[Any], Any], bool, bool] | None = None
        # a plain strawberry resolver called directly: (source, converted arguments) -> value
        self.call: Callable[[Any, dict[str, Any]], Any] | None = None
        self.typename: str | None = None
        self.complete: Completer = _identity
        self.leaf = False  # a scalar or enum (or a list of them): no path needed below it


def _identity(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
    return value


async def _gather(awaitables: list[Awaitable[Any]]) -> list[Any]:
    """Every awaitable settled (none left running), then the first failure raised, if any."""
    results = await asyncio.gather(*awaitables, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


class Selection:
    """The fields selected on one object type, in the order graphql-core collects them."""

    __slots__ = ("steps",)

    def __init__(self, steps: list[FieldStep]) -> None:
        self.steps = steps

    def run(self, source: Any, executor: Executor[Any], path: Path | None) -> Any:
        out: dict[str, Any] = {}
        pending: list[tuple[str, Awaitable[Any]]] | None = None
        is_awaitable = executor.is_awaitable
        for step in self.steps:
            leaf_read = step.leaf_read
            if leaf_read is not None:  # the common case, kept short
                read, coerce, non_null, check = leaf_read
                value = read(source)
                if value is None:
                    if non_null:
                        raise NotProjectable("null in a non-null field")
                    out[step.key] = None
                    continue
                if check and isinstance(value, Exception):
                    raise NotProjectable("an error as a value")
                coerced = coerce(value)
                if coerced is None or coerced is Undefined:
                    raise NotProjectable("leaf not coerced")
                out[step.key] = coerced
                continue
            if step.typename is not None:
                out[step.key] = step.typename
                continue
            if step.read is not None:
                value = step.read(source)
                # the path is only built when something below may need it
                field_path = path if step.leaf else Path(path, step.key, step.parent_type.name)
            elif step.call is not None:
                field_path = path if step.leaf else Path(path, step.key, step.parent_type.name)
                value = step.call(source, _converted(executor, step))
            else:
                field_path = Path(path, step.key, step.parent_type.name)
                info = executor.build_resolve_info(
                    step.field_def, step.nodes, step.parent_type, field_path
                )
                assert step.resolve is not None
                value = step.resolve(source, info, **_arguments(executor, step))
            if is_awaitable(value):
                value = _complete_later(value, step, executor, field_path)  # type: ignore[arg-type]
            else:
                value = step.complete(value, executor, field_path, step)  # type: ignore[arg-type]
            if type(value) is CoroutineType:  # completers only ever defer as coroutines
                if pending is None:
                    pending = []
                pending.append((step.key, value))
            out[step.key] = value
        if pending is None:
            return out
        return _settle(out, pending)


async def _complete_later(
    awaitable: Awaitable[Any], step: FieldStep, executor: Executor[Any], path: Path
) -> Any:
    value = step.complete(await awaitable, executor, path, step)
    if type(value) is CoroutineType:
        value = await value
    return value


async def _settle(out: dict[str, Any], pending: list[tuple[str, Awaitable[Any]]]) -> Any:
    values = await _gather([awaitable for _, awaitable in pending])
    for (key, _), value in zip(pending, values, strict=True):
        out[key] = value
    return out


class OperationPlan:
    """A query's steps, compiled once per document text and run for each request (of a
    mutation: the completion of each root field's payload, see ``payload_steps``)."""

    def __init__(self, operation: OperationDefinitionNode) -> None:
        self.operation = operation
        self.root: Selection | None = None
        self.unhandled: str | None = None  # set when compiling met a shape it does not handle
        self._objects: dict[tuple[str, int], Selection] = {}

    def run(self, executor: Executor[Any]) -> Any:
        """The answer's data (or an awaitable of it); raises for anything to run normally."""
        if self.root is None:
            try:
                self.root = self._compile_root(executor)
            except NotProjectable as refused:
                self.unhandled = str(refused)
                raise
        executor.__dict__[_ARGUMENTS] = {}
        executor.__dict__[_CONVERTED] = {}
        return self.root.run(executor.root_value, executor, None)

    def payload_steps(self, executor: Executor[Any]) -> dict[str, FieldStep] | None:
        """A mutation's root fields by response key, each with the compiled completion of its
        payload (its resolver is never called from here: graphql-core runs the root fields, one
        after the other, through strawberry's wrapper); None when compiling refused the shape.
        Prepares ``executor`` for completing (the per-request argument caches)."""
        self.compile(executor)
        if self.root is None:
            return None
        executor.__dict__[_ARGUMENTS] = {}
        executor.__dict__[_CONVERTED] = {}
        return {step.key: step for step in self.root.steps}

    def compile(self, executor: Executor[Any]) -> None:
        """Compile now (without running): the steps of the operation's own fields; the types
        behind an interface or union are compiled when a value of each first comes."""
        if self.root is None and self.unhandled is None:
            try:
                self.root = self._compile_root(executor)
            except NotProjectable as refused:
                self.unhandled = str(refused)

    def _compile_root(self, executor: Executor[Any]) -> Selection:
        root_type = executor.schema.get_root_type(executor.operation.operation)
        if root_type is None:
            raise NotProjectable("no root type")
        grouped, new_defer_usages, forbidden = collect_fields(
            executor.schema,
            executor.fragments,
            executor.variable_values,
            root_type,
            executor.operation,
            executor.hide_suggestions,
        )
        if new_defer_usages or forbidden:
            raise NotProjectable("defer")
        return self._selection(root_type, grouped, executor)

    def _selection(
        self,
        parent_type: GraphQLObjectType,
        grouped: Mapping[str, list[FieldDetails]],
        executor: Executor[Any],
    ) -> Selection:
        steps: list[FieldStep] = []
        for key, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                step = FieldStep(key, parent_type, GraphQLField(parent_type), details)
                step.typename = parent_type.name
                steps.append(step)
                continue
            if name.startswith("__"):
                raise NotProjectable("introspection")
            field_def = executor.schema.get_field(parent_type, name)
            if field_def is None:
                raise NotProjectable("unknown field")
            has_args = bool(field_def.args or node.arguments)
            step = FieldStep(key, parent_type, field_def, details)
            resolve = field_def.resolve or executor.field_resolver
            basic = getattr(resolve, "_is_default", False)
            strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
            if (
                basic
                and not has_args
                and strawberry_field is not None
                and strawberry_field.default_resolver is getattr
            ):
                step.read = attrgetter(strawberry_field.python_name)
                step.leaf_read = _leaf_read(step.read, field_def.type)
            else:
                step.resolve = resolve
                step.call = _direct_call(executor, field_def, strawberry_field)
            step.complete = self._completer(field_def.type, details, executor)
            step.leaf = is_leaf_type(get_named_type(field_def.type))
            steps.append(step)
        return Selection(steps)

    def _completer(
        self, return_type: GraphQLOutputType, details: list[FieldDetails], executor: Executor[Any]
    ) -> Completer:
        if is_non_null_type(return_type):
            assert isinstance(return_type, GraphQLNonNull)
            return _non_null(self._completer(return_type.of_type, details, executor))
        if is_list_type(return_type):
            assert isinstance(return_type, GraphQLList)
            item_type = return_type.of_type
            leaf_items = is_leaf_type(item_type) or (
                is_non_null_type(item_type) and is_leaf_type(item_type.of_type)
            )
            return _list(self._completer(item_type, details, executor), leaf_items)
        if is_leaf_type(return_type):
            assert isinstance(return_type, GraphQLLeafType)
            return _leaf(return_type)
        if is_object_type(return_type):
            assert isinstance(return_type, GraphQLObjectType)
            return self._object(return_type, details, executor)
        if is_abstract_type(return_type):
            return self._abstract(return_type, details, executor)
        raise NotProjectable("output type")

    def _object_selection(
        self, object_type: GraphQLObjectType, details: list[FieldDetails], executor: Executor[Any]
    ) -> Selection:
        key = (object_type.name, id(details))
        selection = self._objects.get(key)
        if selection is None:
            grouped, new_defer_usages, forbidden = collect_subfields(
                executor.schema,
                executor.fragments,
                executor.variable_values,
                executor.operation,
                object_type,
                details,
                executor.hide_suggestions,
            )
            if new_defer_usages or forbidden:
                raise NotProjectable("defer")
            selection = self._selection(object_type, grouped, executor)
            self._objects[key] = selection
        return selection

    def _object(
        self, object_type: GraphQLObjectType, details: list[FieldDetails], executor: Executor[Any]
    ) -> Completer:
        is_type_of = object_type.is_type_of
        if is_type_of is not None and is_type_of.__module__ != _STRAWBERRY_IS_TYPE_OF:
            raise NotProjectable("custom is_type_of")
        selection = self._object_selection(object_type, details, executor)
        definition = (object_type.extensions or {}).get("strawberry-definition")
        # strawberry's own check passes an instance of exactly the type's class at once
        origin = getattr(definition, "origin", None)

        def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
            if value is None:
                return None
            if (
                is_type_of is not None and type(value) is not origin and not is_type_of(value, None)  # type: ignore[arg-type]
            ):
                raise NotProjectable("is_type_of")
            return selection.run(value, executor, path)

        return complete

    def _abstract(
        self, abstract: GraphQLAbstractType, details: list[FieldDetails], executor: Executor[Any]
    ) -> Completer:
        schema = executor.schema
        by_type: dict[str, Completer] = {}

        def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
            if value is None:
                return None
            info = executor.build_resolve_info(step.field_def, step.nodes, step.parent_type, path)
            resolve_type = abstract.resolve_type or executor.type_resolver
            name = resolve_type(value, info, abstract)
            if not isinstance(name, str):
                raise NotProjectable("runtime type")
            completer = by_type.get(name)
            if completer is None:
                runtime = schema.get_type(name)
                if not isinstance(runtime, GraphQLObjectType) or not schema.is_sub_type(
                    abstract, runtime
                ):
                    raise NotProjectable("runtime type")
                completer = by_type[name] = self._object(runtime, details, executor)
            return completer(value, executor, path, step)

        return complete


_ARGUMENTS = "_compiled_arguments"
_CONVERTED = "_compiled_converted"


def _direct_call(
    executor: Executor[Any], field_def: GraphQLField, field: Any
) -> Callable[[Any, dict[str, Any]], Any] | None:
    """The resolver itself, when strawberry's wrapper around it would add nothing but the
    argument conversion (done here once per request): a resolver with no permission classes or
    field extensions, asking for neither ``info`` nor ``root``/``parent``, whose arguments are
    scalars or enums, in a schema without exception handlers. Else None (the wrapper runs)."""
    resolver = getattr(field, "base_resolver", None)
    converter = getattr(
        getattr(executor.schema, "_strawberry_schema", None), "schema_converter", None
    )
    if (
        resolver is None
        or converter is None
        or field.extensions
        or getattr(converter, "_exception_handler_specs", True)
        or resolver.info_parameter is not None
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
        or any(
            not is_leaf_type(get_named_type(argument.type)) for argument in field_def.args.values()
        )
    ):
        return None
    function = resolver.wrapped_func
    if resolver.self_parameter is not None:
        return lambda source, kwargs: function(source, **kwargs)
    return lambda source, kwargs: function(**kwargs)


def _converted(executor: Executor[Any], step: FieldStep) -> dict[str, Any]:
    """The arguments as the resolver takes them (strawberry's conversion), once per request."""
    if not step.field_def.args and not step.nodes[0].arguments:
        return {}
    cache: dict[int, dict[str, Any]] = executor.__dict__[_CONVERTED]
    converted = cache.get(id(step))
    if converted is None:
        field = (step.field_def.extensions or {})["strawberry-definition"]
        strawberry_schema = executor.schema._strawberry_schema  # type: ignore[attr-defined]
        converted = convert_arguments(
            _arguments(executor, step),
            field.arguments,
            scalar_registry=strawberry_schema.schema_converter.scalar_registry,
            config=strawberry_schema.config,
        )
        cache[id(step)] = converted
    return converted


def _arguments(executor: Executor[Any], step: FieldStep) -> dict[str, Any]:
    """The field's coerced arguments, worked out once per request (not once per object)."""
    if not step.field_def.args and not step.nodes[0].arguments:
        return {}
    cache: dict[int, dict[str, Any]] = executor.__dict__[_ARGUMENTS]
    arguments = cache.get(id(step))
    if arguments is None:
        details = step.details[0]
        arguments = get_argument_values(
            step.field_def,
            details.node,
            executor.variable_values,
            details.fragment_variable_values,
            executor.hide_suggestions,
        )
        cache[id(step)] = arguments
    return arguments


_BUILT_IN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


def _leaf_read(
    read: Callable[[Any], Any], field_type: GraphQLOutputType
) -> tuple[Callable[[Any], Any], Callable[[Any], Any], bool, bool] | None:
    """For an attribute of scalar or enum type (not a list): how to read and coerce it. Built-in
    scalars and enums refuse an error object themselves; other scalars are checked for one."""
    non_null = isinstance(field_type, GraphQLNonNull)
    named = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(named):
        return None
    assert isinstance(named, GraphQLLeafType)
    check = not (isinstance(named, GraphQLEnumType) or named.name in _BUILT_IN_SCALARS)
    return read, named.coerce_output_value, non_null, check


def _non_null(inner: Completer) -> Completer:
    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        completed = inner(value, executor, path, step)
        if type(completed) is CoroutineType:
            return _awaited_non_null(completed)
        if completed is None:
            raise NotProjectable("null in a non-null field")
        return completed

    return complete


async def _awaited_non_null(completed: Awaitable[Any]) -> Any:
    value = await completed
    if value is None:
        raise NotProjectable("null in a non-null field")
    return value


def _leaf(leaf_type: GraphQLLeafType) -> Completer:
    coerce = leaf_type.coerce_output_value

    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        if value is None:
            return None
        if isinstance(value, Exception):
            raise NotProjectable("an error as a value")
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotProjectable("leaf not coerced")
        return coerced

    return complete


def _list(item: Completer, leaf_items: bool) -> Completer:
    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        if value is None:
            return None
        if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
            raise NotProjectable("not a list")
        is_awaitable = executor.is_awaitable
        out: list[Any] = []
        pending: list[int] | None = None
        for index, entry in enumerate(value):
            if is_awaitable(entry):
                raise NotProjectable("awaitable list item")
            completed = item(entry, executor, path if leaf_items else Path(path, index, None), step)
            if type(completed) is CoroutineType:
                if pending is None:
                    pending = []
                pending.append(index)
            out.append(completed)
        if pending is None:
            return out
        return _settle_list(out, pending)

    return complete


async def _settle_list(out: list[Any], pending: list[int]) -> list[Any]:
    values = await _gather([out[i] for i in pending])
    for index, value in zip(pending, values, strict=True):
        out[index] = value
    return out
