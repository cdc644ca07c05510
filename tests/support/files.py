"""The repository's own data files that tests of every tier read: the bundled plan and directory."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLAN_FILE = REPO / "data" / "plans" / "tongnan-2025-work-points.txt"
DIRECTORY_FILE = REPO / "data" / "directory.toml"

TEST_AUDIT_KEY = "5a" * 32  # the audit key of every test (commands run by tests inherit it)
