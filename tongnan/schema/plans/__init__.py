"""The work plan in the API: plans, sections, tasks, assignments, accountability, matrix."""
