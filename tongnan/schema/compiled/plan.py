"""A validated query compiled into nested projection steps over the objects its resolvers return.

The steps do what graphql-core's executor does for an answer without errors, and nothing else:
the same resolvers (strawberry's own per-field wrappers, so permission checks, argument
conversion and loaders are the normal ones), the same field collection, coercion of leaves, list
and non-null completion, ``is_type_of`` and abstract-type resolution; only the generic machinery
around them (building a resolve info for every field, paths for leaves, error bookkeeping) is
left out. A field with no resolver of its own (a plain attribute) is read directly.

Each selection is turned into one Python function (its source generated once per plan): the
attributes read and coerced inline, strawberry's enum names remembered per member, the
resolvers called in place, a path built only where something below asks for a resolve info.

Anything unusual is not handled here but signalled: a step raises, and the caller runs the
whole operation again on the normal path (``executor``), which then produces the errors, the
nulls and the messages exactly as before. So this module never builds an error itself.
"""

from __future__ import annotations

import asyncio
import keyword
from collections.abc import Awaitable, Callable, Iterable, Mapping
from enum import Enum
from types import CoroutineType, GeneratorType
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
    VariableNode,
    Visitor,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    visit,
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
        "arguments",
        "call",
        "complete",
        "details",
        "field_def",
        "key",
        "leaf_read",
        "needs_path",
        "nodes",
        "parent_type",
        "python_name",
        "resolve",
        "takes_arguments",
        "takes_self",
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
        # an attribute read directly (strawberry's default resolver is getattr)
        self.python_name: str | None = None
        # a scalar or enum attribute: (coerce, non-null, may hold an error object)
        self.leaf_read: tuple[Callable[[Any], Any], bool, bool, GraphQLLeafType] | None = None
        # a plain strawberry resolver called directly, with the converted arguments
        self.call: Callable[..., Any] | None = None
        self.takes_self = False
        self.takes_arguments = False
        # the arguments when they are the same on every request (no variable in them)
        self.arguments: dict[str, Any] | None = None
        self.typename: str | None = None
        self.complete: Completer = _identity
        self.needs_path = False  # a resolve info is built at or below this field


def _identity(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
    return value


async def _gather(awaitables: list[Awaitable[Any]]) -> list[Any]:
    """Every awaitable settled (none left running), then the first failure raised, if any."""
    results = await asyncio.gather(*awaitables, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


# Types whose values are never awaitable (learned per type: no __await__, no attribute or
# class tricks, neither a coroutine nor a generator); graphql-core's check for any other.
_PLAIN: set[type] = {type(None), bool, int, float, str, bytes, list, tuple, dict, set, frozenset}


def _never_awaitable(kind: type) -> bool:
    return (
        not issubclass(kind, CoroutineType | GeneratorType)
        and not hasattr(kind, "__await__")
        and kind.__getattribute__ is object.__getattribute__
        and not hasattr(kind, "__getattr__")
        and all("__class__" not in vars(k) for k in kind.__mro__[:-1])
    )


def _is_awaitable(value: Any, executor: Executor[Any]) -> bool:
    """The executor's own check, remembering the types that can never be awaited."""
    kind = type(value)
    if kind in _PLAIN:
        return False
    if _never_awaitable(kind):
        _PLAIN.add(kind)
        return False
    return bool(executor.is_awaitable(value))


class Selection:
    """The fields selected on one object type, in the order graphql-core collects them; ``run``
    (source, executor, path) -> the response object, or an awaitable of it."""

    __slots__ = ("may_defer", "needs_path", "run", "steps")

    def __init__(self, steps: list[FieldStep]) -> None:
        self.steps = steps
        self.needs_path = any(step.needs_path for step in steps)
        # only leaves and __typename: the answer comes at once, never an awaitable
        self.may_defer = any(s.typename is None and s.leaf_read is None for s in steps)
        self.run: Callable[[Any, Executor[Any], Path | None], Any] = _generate(steps)


_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _generate(steps: list[FieldStep]) -> Callable[[Any, Executor[Any], Path | None], Any]:
    """One function doing the steps in order (source text built here, compiled once)."""
    names: dict[str, Any] = {
        "NotProjectable": NotProjectable,
        "Path": Path,
        "CoroutineType": CoroutineType,
        "PLAIN": _PLAIN,
        "is_awaitable": _is_awaitable,
        "complete_later": _complete_later,
        "settle": _settle,
        "converted": _converted,
        "arguments_of": _arguments,
        "INT_MIN": _INT_MIN,
        "INT_MAX": _INT_MAX,
    }
    lines = ["def run(source, ex, path):", "    out = {}", "    pending = None"]
    deferring = False
    for i, step in enumerate(steps):
        key = repr(step.key)
        names[f"S{i}"] = step
        if step.typename is not None:
            lines.append(f"    out[{key}] = {step.typename!r}")
            continue
        if step.python_name is not None:
            read = f"source.{step.python_name}"
        elif step.call is not None:
            names[f"F{i}"] = step.call
            given = ["source"] if step.takes_self else []
            if step.arguments is not None:
                if step.arguments:
                    names[f"A{i}"] = step.arguments
                    given.append(f"**A{i}")
            elif step.takes_arguments:
                given.append(f"**converted(ex, S{i})")
            read = f"F{i}({', '.join(given)})"
        else:
            names[f"R{i}"] = step.resolve
            names[f"D{i}"] = step.field_def
            names[f"N{i}"] = step.nodes
            names[f"T{i}"] = step.parent_type
            given_arguments = ""
            if step.arguments is not None:
                if step.arguments:
                    names[f"A{i}"] = step.arguments
                    given_arguments = f", **A{i}"
            elif step.takes_arguments:
                given_arguments = f", **arguments_of(ex, S{i})"
            lines.append(f"    p = Path(path, {key}, {step.parent_type.name!r})")
            read = f"R{i}(source, ex.build_resolve_info(D{i}, N{i}, T{i}, p){given_arguments})"
        lines.append(f"    v = {read}")
        if step.leaf_read is not None:
            lines += _leaf_lines(step, i, key, names)
            continue
        if step.python_name is not None or step.call is not None:  # no info built above
            path_text = (
                f"Path(path, {key}, {step.parent_type.name!r})" if step.needs_path else "None"
            )
            lines.append(f"    p = {path_text}")
        names[f"K{i}"] = step.complete
        lines += [
            "    if type(v) in PLAIN or not is_awaitable(v, ex):",
            f"        v = K{i}(v, ex, p, S{i})",
            "    else:",
            f"        v = complete_later(v, S{i}, ex, p)",
            "    if type(v) is CoroutineType:",
            "        if pending is None:",
            "            pending = []",
            f"        pending.append(({key}, v))",
            f"    out[{key}] = v",
        ]
        deferring = True
    if deferring:
        lines += ["    if pending is not None:", "        return settle(out, pending)"]
    lines.append("    return out")
    exec(compile("\n".join(lines), "<compiled selection>", "exec"), names)
    run: Callable[[Any, Executor[Any], Path | None], Any] = names["run"]
    return run


def _leaf_lines(step: FieldStep, i: int, key: str, names: dict[str, Any]) -> list[str]:
    """A scalar or enum attribute: the common values coerced inline, any other through the
    type's own coercion (which refuses what it cannot write)."""
    assert step.leaf_read is not None
    coerce, non_null, check, named = step.leaf_read
    names[f"L{i}"] = _leaf_value(coerce, non_null, check)
    slow = f"        out[{key}] = L{i}(v)"
    name = named.name
    if name in ("String", "ID"):
        return ["    if type(v) is str:", f"        out[{key}] = v", "    else:", slow]
    if name == "Boolean":
        return ["    if type(v) is bool:", f"        out[{key}] = v", "    else:", slow]
    if name == "Int":
        return [
            "    if type(v) is int and INT_MIN <= v <= INT_MAX:",
            f"        out[{key}] = v",
            "    else:",
            slow,
        ]
    wrapped = getattr(named, "wrapped_cls", None)
    if (
        isinstance(named, GraphQLEnumType)
        and isinstance(wrapped, type)
        and issubclass(wrapped, Enum)
    ):
        # strawberry's enum: its name for a member, looked up once per member
        # (by identity: a member lives as long as its class; hashing one is a Python call)
        known: dict[int, Any] = {}
        names[f"E{i}"] = known
        names[f"W{i}"] = wrapped
        names[f"L{i}"] = _remembering(names[f"L{i}"], known, wrapped)
        return [
            f"    if type(v) is W{i} and id(v) in E{i}:",
            f"        out[{key}] = E{i}[id(v)]",
            "    else:",
            slow,
        ]
    return [f"    out[{key}] = L{i}(v)"]


def _leaf_value(coerce: Callable[[Any], Any], non_null: bool, check: bool) -> Callable[[Any], Any]:
    def leaf(value: Any) -> Any:
        if value is None:
            if non_null:
                raise NotProjectable("null in a non-null field")
            return None
        if check and isinstance(value, Exception):
            raise NotProjectable("an error as a value")
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotProjectable("leaf not coerced")
        return coerced

    return leaf


def _remembering(
    leaf: Callable[[Any], Any], known: dict[int, Any], wrapped: type
) -> Callable[[Any], Any]:
    def remember(value: Any) -> Any:
        coerced = leaf(value)
        if type(value) is wrapped:
            known[id(value)] = coerced
        return coerced

    return remember


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
            python_name = getattr(strawberry_field, "python_name", None)
            if (
                basic
                and not has_args
                and strawberry_field is not None
                and strawberry_field.default_resolver is getattr
                and isinstance(python_name, str)
                and python_name.isidentifier()
                and not keyword.iskeyword(python_name)
            ):
                step.python_name = python_name
                step.leaf_read = _leaf_read(field_def.type)
            else:
                step.resolve = resolve
                _direct_call(step, executor, strawberry_field)
                step.arguments = _constant_arguments(step, executor)
                step.takes_arguments = has_args
            step.complete, needs_path = self._completer(field_def.type, details, executor)
            step.needs_path = needs_path or (step.resolve is not None and step.call is None)
            steps.append(step)
        return Selection(steps)

    def _completer(
        self, return_type: GraphQLOutputType, details: list[FieldDetails], executor: Executor[Any]
    ) -> tuple[Completer, bool]:
        """How to complete a value of the type, and whether anything below needs its path."""
        if is_non_null_type(return_type):
            assert isinstance(return_type, GraphQLNonNull)
            inner, needs_path = self._completer(return_type.of_type, details, executor)
            return _non_null(inner), needs_path
        if is_list_type(return_type):
            assert isinstance(return_type, GraphQLList)
            item_type = return_type.of_type
            item_non_null = is_non_null_type(item_type)
            named = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
            if is_object_type(named):
                assert isinstance(named, GraphQLObjectType)
                selection, origin, is_type_of = self._object_parts(named, details, executor)
                return (
                    _object_list(selection, origin, is_type_of, item_non_null),
                    selection.needs_path,
                )
            item, needs_path = self._completer(item_type, details, executor)
            return _list(item, needs_path), needs_path
        if is_leaf_type(return_type):
            assert isinstance(return_type, GraphQLLeafType)
            return _leaf(return_type), False
        if is_object_type(return_type):
            assert isinstance(return_type, GraphQLObjectType)
            selection, origin, is_type_of = self._object_parts(return_type, details, executor)
            return _object(selection, origin, is_type_of), selection.needs_path
        if is_abstract_type(return_type):
            return self._abstract(return_type, details, executor), True
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

    def _object_parts(
        self, object_type: GraphQLObjectType, details: list[FieldDetails], executor: Executor[Any]
    ) -> tuple[Selection, type | None, Callable[..., Any] | None]:
        """The type's selection, the class whose instances pass its ``is_type_of`` at once (and
        are never awaitable), and the check for any other value."""
        is_type_of = object_type.is_type_of
        if is_type_of is not None and is_type_of.__module__ != _STRAWBERRY_IS_TYPE_OF:
            raise NotProjectable("custom is_type_of")
        selection = self._object_selection(object_type, details, executor)
        definition = (object_type.extensions or {}).get("strawberry-definition")
        # strawberry's own check passes an instance of exactly the type's class at once
        origin = getattr(definition, "origin", None)
        if not isinstance(origin, type) or not _never_awaitable(origin):
            origin = None
        return selection, origin, is_type_of

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
                completer = by_type[name] = _object(*self._object_parts(runtime, details, executor))
            return completer(value, executor, path, step)

        return complete


def _object(
    selection: Selection, origin: type | None, is_type_of: Callable[..., Any] | None
) -> Completer:
    run = selection.run

    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        if value is None:
            return None
        if is_type_of is not None and type(value) is not origin and not is_type_of(value, None):
            raise NotProjectable("is_type_of")
        return run(value, executor, path)

    return complete


def _object_list(
    selection: Selection,
    origin: type | None,
    is_type_of: Callable[..., Any] | None,
    item_non_null: bool,
) -> Completer:
    """A list of objects: an item of exactly the type's class is run at once; any other goes
    through the same checks as graphql-core's (awaitable, null, ``is_type_of``)."""
    run = selection.run
    needs_path = selection.needs_path
    at_once = not needs_path and not selection.may_defer and origin is not None

    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        if value is None:
            return None
        if type(value) is not list and (
            not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping)
        ):
            raise NotProjectable("not a list")
        if at_once and type(value) is list:  # the common case: items of the class, leaves only
            for entry in value:
                if type(entry) is not origin:
                    break
            else:
                return [run(entry, executor, None) for entry in value]
        out: list[Any] = []
        pending: list[int] | None = None
        for index, entry in enumerate(value):
            if type(entry) is not origin:
                if _is_awaitable(entry, executor):
                    raise NotProjectable("awaitable list item")
                if entry is None:
                    if item_non_null:
                        raise NotProjectable("null in a non-null field")
                    out.append(None)
                    continue
                if is_type_of is not None and not is_type_of(entry, None):
                    raise NotProjectable("is_type_of")
            completed = run(entry, executor, Path(path, index, None) if needs_path else None)
            if type(completed) is CoroutineType:
                if pending is None:
                    pending = []
                pending.append(index)
            out.append(completed)
        if pending is None:
            return out
        return _settle_list(out, pending)

    return complete


_ARGUMENTS = "_compiled_arguments"
_CONVERTED = "_compiled_converted"


def _direct_call(step: FieldStep, executor: Executor[Any], field: Any) -> None:
    """The resolver itself as ``step.call``, when strawberry's wrapper around it would add
    nothing but the argument conversion (done here once per request, or once for all when the
    arguments are constant): a resolver with no permission classes or field extensions, asking
    for neither ``info`` nor ``root``/``parent``, whose arguments are scalars or enums, in a
    schema without exception handlers. Else the wrapper runs."""
    field_def = step.field_def
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
        return
    step.call = resolver.wrapped_func
    step.takes_self = resolver.self_parameter is not None


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.found = True


_IMMUTABLE_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


def _constant_arguments(step: FieldStep, executor: Executor[Any]) -> dict[str, Any] | None:
    """The arguments as the call takes them (converted for a direct call), worked out now when
    no variable is in them and every argument is a built-in scalar or an enum (values no
    resolver can change); else None (worked out once per request)."""
    field_def = step.field_def
    node = step.nodes[0]
    if not field_def.args and not node.arguments:
        return {}
    for argument in field_def.args.values():
        named = get_named_type(argument.type)
        if not (isinstance(named, GraphQLEnumType) or named.name in _IMMUTABLE_SCALARS):
            return None
    found = _Variables()
    for argument_node in node.arguments or ():
        visit(argument_node, found)
    if found.found or step.details[0].fragment_variable_values is not None:
        return None
    try:
        arguments = get_argument_values(
            field_def, node, executor.variable_values, None, executor.hide_suggestions
        )
        if step.call is None:
            return arguments
        field = (field_def.extensions or {})["strawberry-definition"]
        strawberry_schema = executor.schema._strawberry_schema  # type: ignore[attr-defined]
        converted: dict[str, Any] = convert_arguments(
            arguments,
            field.arguments,
            scalar_registry=strawberry_schema.schema_converter.scalar_registry,
            config=strawberry_schema.config,
        )
    except Exception:  # left to each request, which falls back if it fails
        return None
    return converted


def _converted(executor: Executor[Any], step: FieldStep) -> dict[str, Any]:
    """The arguments as the resolver takes them (strawberry's conversion), once per request."""
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
    field_type: GraphQLOutputType,
) -> tuple[Callable[[Any], Any], bool, bool, GraphQLLeafType] | None:
    """For an attribute of scalar or enum type (not a list): how to coerce it. Built-in
    scalars and enums refuse an error object themselves; other scalars are checked for one."""
    non_null = isinstance(field_type, GraphQLNonNull)
    named = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(named):
        return None
    assert isinstance(named, GraphQLLeafType)
    check = not (isinstance(named, GraphQLEnumType) or named.name in _BUILT_IN_SCALARS)
    return named.coerce_output_value, non_null, check, named


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


def _list(item: Completer, needs_path: bool) -> Completer:
    def complete(value: Any, executor: Executor[Any], path: Path, step: FieldStep) -> Any:
        if value is None:
            return None
        if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
            raise NotProjectable("not a list")
        out: list[Any] = []
        pending: list[int] | None = None
        for index, entry in enumerate(value):
            if _is_awaitable(entry, executor):
                raise NotProjectable("awaitable list item")
            completed = item(entry, executor, Path(path, index, None) if needs_path else path, step)
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
