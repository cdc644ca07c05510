"""A notice file through the API: previewPlanImport shows the outline as understood, every
assumption and the new units; applyPlanImport stores exactly that preview (its token)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from tests.support.api import Api
from tests.support.notice_files import FIXTURES, notice_bytes
from tongnan.domain.models import Task, WorkPlan

PREVIEW = """mutation($input: PreviewPlanImportInput!) { previewPlanImport(input: $input) {
  preview { previewToken code planTitle sourceKind replacesExisting warnings notes text
    sections { label title tasks { number label path title leadUnits responsibleUnits
      unitsOpenEnded leaders deadline deadlineKind dueDate line } }
    newUnits { name line tasks nearest } }
  userErrors { field message code } } }"""
APPLY = """mutation($input: ApplyPlanImportInput!) { applyPlanImport(input: $input) {
  plan { code } created changes createdUnits
  userErrors { field message code } } }"""


def _file(name: str, tmp_path: Path) -> dict[str, str]:
    content = notice_bytes(name, tmp_path)
    return {"fileName": name, "contentBase64": base64.b64encode(content).decode()}


async def _payload(api: Api, query: str, field: str, input: dict[str, Any], token: str) -> Any:
    return (await api.data(query, {"input": input}, token=token))[field]


async def test_preview_then_apply_a_pdf_copy(api: Api, tmp_path: Path) -> None:
    file = _file("03-pdf-copy-key-lines.txt", tmp_path)
    payload = await _payload(api, PREVIEW, "previewPlanImport", file, "office")
    assert payload["userErrors"] == []
    preview = payload["preview"]
    assert (preview["code"], preview["sourceKind"], preview["replacesExisting"]) == (
        "潼委农办发〔2025〕3号",
        "txt",
        False,
    )
    tasks = [t for s in preview["sections"] for t in s["tasks"]]
    assert [(t["label"], t["deadlineKind"], t["dueDate"]) for t in tasks] == [
        ("(一)", "DATE", "2025-06-30"),
        ("(二)", "DATE", "2025-07-31"),
        ("(三)", "RECURRING", None),
    ]
    assert tasks[2]["leaders"] == ["张华"]
    assert any("— 2 —" in note for note in preview["notes"])
    new = ["区教委", "区医保局", "区住房城乡建委", "区水利局", "区级有关部门"]
    assert [u["name"] for u in preview["newUnits"]] == new
    assert [u["line"] for u in preview["newUnits"]] == [27, 27, 27, 27, 35]
    assert preview["text"].count("\n") > 5

    refused = await _payload(
        api, APPLY, "applyPlanImport", {**file, "previewToken": preview["previewToken"]}, "office"
    )
    assert [e["code"] for e in refused["userErrors"]] == ["INVALID"]
    assert "第35行：“区级有关部门”不在单位名录里" in refused["userErrors"][0]["message"]
    stale = await _payload(api, APPLY, "applyPlanImport", {**file, "previewToken": "0.0"}, "office")
    assert [e["code"] for e in stale["userErrors"]] == ["CONFLICT"]
    assert await WorkPlan.filter(code="潼委农办发〔2025〕3号").count() == 0

    applied = await _payload(
        api,
        APPLY,
        "applyPlanImport",
        {**file, "previewToken": preview["previewToken"], "createUnits": True},
        "office",
    )
    assert applied["userErrors"] == []
    assert (applied["plan"]["code"], applied["created"], applied["createdUnits"]) == (
        "潼委农办发〔2025〕3号",
        True,
        new,
    )
    plan = await WorkPlan.get(code="潼委农办发〔2025〕3号")
    assert await Task.filter(plan_id=plan.id).count() == 3
    read = await api.data(
        """query { task(number: 3, planCode: "潼委农办发〔2025〕3号") {
          label path leaders deadlineText deadlineKind dueDate unitsOpenEnded } }""",
        {},
        "office",
    )
    assert read["task"] == {
        "label": "(三)",
        "path": ["结果运用"],
        "leaders": ["张华"],
        "deadlineText": "每月",
        "deadlineKind": "RECURRING",
        "dueDate": None,
        "unitsOpenEnded": False,
    }


async def test_a_unit_may_not_preview_and_a_bad_file_names_its_lines(
    api: Api, tmp_path: Path
) -> None:
    file = _file("02-web-page-copy.txt", tmp_path)
    denied = await _payload(api, PREVIEW, "previewPlanImport", file, "shuangjiang")
    assert [e["code"] for e in denied["userErrors"]] == ["FORBIDDEN"]
    bad = "一、稳定就业\n(一)稳定务工规模。\n(三)提升质量。(牵头单位:区人力社保局)\n"
    broken = {"fileName": "坏.txt", "contentBase64": base64.b64encode(bad.encode()).decode()}
    payload = await _payload(api, PREVIEW, "previewPlanImport", broken, "office")
    assert [(e["code"], e["message"][:3]) for e in payload["userErrors"]] == [
        ("PARSE_ERROR", "第2行"),
        ("PARSE_ERROR", "第3行"),
    ]
    old_word = {"fileName": "通知.doc", "contentBase64": base64.b64encode(b"x" * 10).decode()}
    payload = await _payload(api, PREVIEW, "previewPlanImport", old_word, "office")
    assert ".docx" in payload["userErrors"][0]["message"]
    assert (FIXTURES / "02-web-page-copy.txt").exists()
