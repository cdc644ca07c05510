"""The repository's own data files that tests of every tier read: the bundled plan and directory."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLAN_FILE = REPO / "data" / "plans" / "tongnan-2025-work-points.txt"
DIRECTORY_FILE = REPO / "data" / "directory.toml"

TEST_AUDIT_KEY = "5a" * 32  # the audit key of every test (commands run by tests inherit it)

# The suite's own per-caller cost budget: every test calls from one address, far faster than a
# person, and must never be throttled (the budget's own tests set a small one).
TEST_COST_BUDGET = 1_000_000_000
