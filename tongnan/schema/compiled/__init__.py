"""Queries compiled into projections over their resolvers' objects (graphql-core as fallback)."""

from tongnan.schema.compiled.executor import (
    CompilingExecutionContext,
    PlanStore,
    compile_ahead,
    compile_documents,
    compiling_executor,
    not_compiled_because,
)

__all__ = [
    "CompilingExecutionContext",
    "PlanStore",
    "compile_ahead",
    "compile_documents",
    "compiling_executor",
    "not_compiled_because",
]
