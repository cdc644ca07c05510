"""The features whose roots make up the schema: each contributes Query (and Mutation) fields."""

from __future__ import annotations

from tongnan.schema.mutations import Mutation as PlanMutation
from tongnan.schema.queries import Query as PlanQuery
from tongnan.schema.reporting.mutations import ReportingMutation
from tongnan.schema.reporting.queries import ReportingQuery
from tongnan.schema.reporting.subscriptions import ReportingSubscription

QUERIES: tuple[type, ...] = (PlanQuery, ReportingQuery)
MUTATIONS: tuple[type, ...] = (PlanMutation, ReportingMutation)
SUBSCRIPTIONS: tuple[type, ...] = (ReportingSubscription,)
