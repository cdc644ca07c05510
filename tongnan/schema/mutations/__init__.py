"""The ``Mutation`` root: one module per mutation, each with its input and payload."""

from __future__ import annotations

import strawberry

from tongnan.schema.mutations.assign_task import assign_task
from tongnan.schema.mutations.import_plan import import_plan
from tongnan.schema.mutations.set_group_members import set_group_members
from tongnan.schema.mutations.set_task_due_date import set_task_due_date
from tongnan.schema.mutations.unassign_task import unassign_task


@strawberry.type
class Mutation:
    assign_task = assign_task
    unassign_task = unassign_task
    set_task_due_date = set_task_due_date
    set_group_members = set_group_members
    import_plan = import_plan
