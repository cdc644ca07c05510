"""The features whose roots make up the schema: each contributes Query (and Mutation) fields."""

from __future__ import annotations

from tongnan.schema.documents.mutations import DocumentsMutation
from tongnan.schema.documents.queries import DocumentsQuery
from tongnan.schema.mutations import Mutation as PlanMutation
from tongnan.schema.queries import Query as PlanQuery
from tongnan.schema.reporting.mutations import ReportingMutation
from tongnan.schema.reporting.queries import ReportingQuery
from tongnan.schema.reporting.subscriptions import ReportingSubscription
from tongnan.schema.supervision.mutations import SupervisionMutation
from tongnan.schema.supervision.queries import SupervisionQuery
from tongnan.schema.supervision.urge_queries import UrgeQuery

QUERIES: tuple[type, ...] = (
    PlanQuery,
    ReportingQuery,
    SupervisionQuery,
    UrgeQuery,
    DocumentsQuery,
)
MUTATIONS: tuple[type, ...] = (
    PlanMutation,
    ReportingMutation,
    SupervisionMutation,
    DocumentsMutation,
)
SUBSCRIPTIONS: tuple[type, ...] = (ReportingSubscription,)
