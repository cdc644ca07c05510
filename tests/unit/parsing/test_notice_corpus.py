"""Notices as offices receive them (tests/fixtures/notices/): every task read exactly.

Each fixture NAME.EXT has NAME.json listing the header and every task; the .docx, .pdf and
.xlsx fixtures are built from their .src.json when the test runs (tests/support/notice_files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.notice_files import FIXTURES, notice_bytes, notice_names
from tongnan.domain.parsing import ParsedPlan, read_notice_file
from tongnan.domain.parsing.notice import parse_document


def _task_json(plan: ParsedPlan) -> list[dict[str, Any]]:
    sections = {t.number: s.title for s in plan.sections for t in s.tasks}
    return [
        {
            "label": t.label,
            "section": sections[t.number],
            "path": list(t.path),
            "title": t.title,
            "lead": list(t.lead_units),
            "responsible": list(t.responsible_units),
            "leaders": list(t.leaders),
            "deadline": None
            if t.deadline is None
            else [
                t.deadline.kind.value,
                None if t.deadline.due is None else t.deadline.due.isoformat(),
            ],
            "open_ended": t.units_open_ended,
        }
        for t in plan.tasks
    ]


@pytest.mark.parametrize("name", notice_names())
def test_every_task_of_the_notice_is_read_exactly(name: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    plan = parse_document(read_notice_file(name, notice_bytes(name, tmp_path)))
    assert _task_json(plan) == expected["tasks"]
    assert [t.number for t in plan.tasks] == list(range(1, len(plan.tasks) + 1))
    assert [s.title for s in plan.sections] == expected["sections"]
    header = {
        "code": plan.code,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": None if plan.issued_on is None else plan.issued_on.isoformat(),
        "plan_title": plan.plan_title,
        "printed_on": None if plan.printed_on is None else plan.printed_on.isoformat(),
    }
    assert header == {key: expected[key] for key in header}
    for task in plan.tasks:
        assert task.body.startswith(task.title)
        assert "牵头" not in task.body[-12:] and "责任单位" not in task.body


def test_the_corpus_has_every_form() -> None:
    kinds = {Path(name).suffix for name in notice_names()}
    assert {".txt", ".docx", ".pdf", ".html", ".xlsx", ".csv"} <= kinds
    assert len(notice_names()) >= 8
