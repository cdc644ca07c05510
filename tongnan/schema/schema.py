"""The schema: the features' roots merged, and its protections (depth, alias, token and cost
limits, caches, production mode)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from tongnan.schema.audit.mutations import AuditMutation
from tongnan.schema.audit.queries import AuditQuery
from tongnan.schema.common.input_guard import InputGuard
from tongnan.schema.compiled import compiling_executor
from tongnan.schema.cost import CostCache, QueryCostLimiter
from tongnan.schema.directory.accounts import AccountMutation, AccountQuery
from tongnan.schema.directory.mutations import DirectoryMutation
from tongnan.schema.directory.queries import UnitQuery, ViewerQuery
from tongnan.schema.directory.types import Unit
from tongnan.schema.documents.mutations import DocumentsMutation
from tongnan.schema.documents.queries import DocumentsQuery
from tongnan.schema.error_wording import ErrorWording
from tongnan.schema.evidence.mutations import EvidenceMutation
from tongnan.schema.notifications.mutations import NotificationsMutation
from tongnan.schema.notifications.queries import NotificationsQuery
from tongnan.schema.notifications.subscriptions import NotificationsSubscription
from tongnan.schema.plans.mutations import PlanAssignmentMutation, PlanImportMutation
from tongnan.schema.plans.queries import PlanNodeQuery, PlanQuery, ResponsibilityQuery
from tongnan.schema.plans.target_mutations import PlanTargetMutation
from tongnan.schema.plans.types import Assignment, Target, Task, WorkPlan
from tongnan.schema.reporting.mutations import ReportingMutation
from tongnan.schema.reporting.quantity import SCALARS
from tongnan.schema.reporting.queries import ReportingQuery
from tongnan.schema.reporting.subscriptions import ReportingSubscription
from tongnan.schema.supervision.mutations import SupervisionMutation
from tongnan.schema.supervision.queries import SupervisionQuery
from tongnan.schema.supervision.urge_queries import UrgeQuery

# The features' roots, merged in this order: the order of the fields in schema.graphql.
QUERIES: tuple[type, ...] = (
    PlanNodeQuery,
    ViewerQuery,
    AccountQuery,
    PlanQuery,
    UnitQuery,
    ResponsibilityQuery,
    ReportingQuery,
    SupervisionQuery,
    UrgeQuery,
    DocumentsQuery,
    NotificationsQuery,
    AuditQuery,
)
MUTATIONS: tuple[type, ...] = (
    PlanAssignmentMutation,
    DirectoryMutation,
    AccountMutation,
    PlanImportMutation,
    PlanTargetMutation,
    ReportingMutation,
    SupervisionMutation,
    DocumentsMutation,
    EvidenceMutation,
    NotificationsMutation,
    AuditMutation,
)
SUBSCRIPTIONS: tuple[type, ...] = (ReportingSubscription, NotificationsSubscription)


@dataclass(frozen=True, slots=True)
class SchemaOptions:
    """Limits (all on by default) and whether to run in production mode."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    max_cost: int = 50_000
    cache_size: int = 256
    production: bool = False
    compiled: bool = True  # queries run through their compiled plans (graphql-core as fallback)


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    options = options or SchemaOptions()
    # Factories, not instances: each request gets its own extension objects (they keep the
    # request's execution context). The validation rules are built once, here: the validation
    # cache is keyed by the rule classes, and a limiter built per request makes new classes,
    # so nothing would ever be found in it.
    rules = [
        *QueryDepthLimiter(max_depth=options.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=options.max_aliases).validation_rules,
    ]
    if options.production:
        rules += DisableIntrospection().validation_rules
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=options.max_tokens),
        partial(ParserCache, maxsize=options.cache_size),
        partial(AddValidationRules, rules),
        partial(ValidationCache, maxsize=options.cache_size),
        partial(QueryCostLimiter, max_cost=options.max_cost, costs=CostCache(options.cache_size)),
        InputGuard,
    ]
    # DatabaseFaults, Refusals, LimitWording and, in production, MaskFaults, in one hook
    extensions.append(partial(ErrorWording, production=options.production))
    return strawberry.Schema(
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        subscription=merge_types("Subscription", SUBSCRIPTIONS),
        types=[WorkPlan, Task, Unit, Assignment, Target],
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=options.production, scalar_map=SCALARS),
        execution_context_class=compiling_executor(options.cache_size)
        if options.compiled
        else None,
    )
