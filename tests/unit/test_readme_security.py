"""The README's roles section is the permission tables as the code enforces them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tongnan.domain.common.permission_doc import BEGIN, END, render_roles, with_roles
from tongnan.domain.common.permissions import READS, RULES

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_roles_section_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert with_roles(text) == text, (
        "README.md's roles section is stale: run "
        "`.venv/bin/python -m tongnan.domain.common.permission_doc README.md`"
    )


def test_the_section_names_every_read_and_write() -> None:
    section = render_roles()
    assert section.startswith(BEGIN) and section.rstrip().endswith(END)
    for action in [*READS, *RULES]:
        assert f"`{action}`" in section
    assert "| 进展报告草稿 `report.draft` | — | — | 本单位 | — | — |" in section


def test_a_changed_table_makes_the_readme_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    monkeypatch.setitem(RULES, "plan.import", RULES["urge.issue"])
    assert with_roles(text) != text
