"""The features whose roots make up the schema: each contributes Query (and Mutation) fields."""

from __future__ import annotations

from tongnan.schema.mutations import Mutation as PlanMutation
from tongnan.schema.queries import Query as PlanQuery

QUERIES: tuple[type, ...] = (PlanQuery,)
MUTATIONS: tuple[type, ...] = (PlanMutation,)
SUBSCRIPTIONS: tuple[type, ...] = ()
