"""The workbench's own checks, run by the suite so CI sees them: the committed generated types
match schema.graphql and the documents (``npm run check:types``), and the form logic's unit
tests (vitest)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.files import REPO


def npm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", *args], cwd=REPO / "web", capture_output=True, text=True, check=False, timeout=600
    )


def test_the_generated_types_match_the_schema(web_dist: Path) -> None:
    result = npm("run", "--silent", "check:types")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_form_logic_passes_its_unit_tests(web_dist: Path) -> None:
    result = npm("test", "--silent")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
