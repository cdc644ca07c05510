"""schema.graphql (committed, for client authors) is the schema the code builds."""

from __future__ import annotations

from tests.support.files import REPO
from tongnan.schema.schema import build_schema


def test_committed_sdl_is_current() -> None:
    committed = (REPO / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema().as_str() + "\n", (
        "schema.graphql is stale: run `tongnan export-schema -o schema.graphql`"
    )


def test_core_contract_names_are_present() -> None:
    sdl = build_schema().as_str()
    for name in (
        "node(id: ID!): Node",
        "viewer: Viewer",
        "plans: [WorkPlan!]!",
        "plan(code: String = null): WorkPlan",
        "accountability(",
        "responsibilityMatrix(planCode: String = null): ResponsibilityMatrix!",
        "enum AssignmentRole",
        "enum UnitKind",
        "interface Node",
    ):
        assert name in sdl, name
