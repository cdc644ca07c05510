"""The errors of an operation as the caller reads them: the maskers of ``errors_masking`` and
``limit_wording`` in one extension, so a request pays for one hook instead of one per masker.

They run exactly as they would as extensions of their own listed in this order: strawberry
leaves ``on_operation`` hooks last-first, so an operation's result passes the last masker first
(an exception leaving the operation reaches only ``LimitWording``, the one that catches); streamed
results are processed as ``on_stream_result`` hooks are entered, first-first. An answer without
errors is left alone at once (each masker would look at it and change nothing).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult
from strawberry.types.execution import StreamExecutionResult

from tongnan.schema.errors_masking import DatabaseFaults, MaskFaults, Refusals
from tongnan.schema.limit_wording import LimitWording, is_limit


class ErrorWording(SchemaExtension):
    """DatabaseFaults, Refusals, LimitWording and, in production, MaskFaults."""

    def __init__(self, production: bool = False) -> None:
        self.limits = LimitWording()
        maskers: list[MaskErrors] = [DatabaseFaults(), Refusals(), self.limits]
        if production:
            maskers.append(MaskFaults())
        self.maskers = tuple(maskers)
        self.last_first = tuple(reversed(maskers))
        self._stream_result_processed = False

    def on_operation(self) -> Iterator[None]:
        self._stream_result_processed = False
        try:
            yield
        except GraphQLError as error:
            # the token limit leaves the cached parser as an exception, not in the result
            if not is_limit(error):
                raise
            raise self.limits.anonymise_error(error) from None
        if self._stream_result_processed:
            return
        result = self.execution_context.result
        if not isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult):
            result = getattr(result, "initial_result", None)
        if result is not None and getattr(result, "errors", None):
            for masker in self.last_first:
                masker._process_result(result)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        self._stream_result_processed = True
        for masker in self.maskers:
            masker._process_stream_result(result)
        yield None
