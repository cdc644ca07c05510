"""The ledger sheet through the API: export, edit, previewLedgerImport, applyLedgerImport with
the token, voidRectificationItem; the old importRectificationLedger no longer duplicates."""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any

from openpyxl import load_workbook

from tests.e2e.api.supervision_ops import IMPORT, LEDGER_FILE, ok
from tests.support.api import OPERATOR, Api
from tongnan.domain.models import RectificationItem
from tongnan.domain.models.supervision import FindingSource
from tongnan.domain.supervision.findings import FindingDraft, create_finding
from tongnan.domain.supervision.rectification import ItemDraft

PREVIEW = """mutation($input: PreviewLedgerImportInput!) { previewLedgerImport(input: $input) {
  preview { previewToken summary created updated unchanged refused text
    rows { row number outcome outcomeLabel itemId notes text
      changes { field label before after } reasons { row message } } }
  userErrors { field message code } } }"""
APPLY = """mutation($input: ApplyLedgerImportInput!) { applyLedgerImport(input: $input) {
  preview { summary }
  created { id number responsibleUnit { name } status }
  updated { id number latestProgress status version }
  userErrors { field message code } } }"""
VOID = """mutation($input: VoidRectificationItemInput!) { voidRectificationItem(input: $input) {
  item { id number voided voidReason version warningLevel daysOverdue }
  userErrors { field message code } } }"""
SUMMARY = """{ rectificationLedger { summary { total completionRate }
  items(first: 20) { nodes { id number voided } } } }"""


async def _three_items() -> None:
    items = (
        ItemDraft("逐户核查", dt.date(2025, 9, 30), "双江镇"),
        ItemDraft("逐户核查", dt.date(2025, 9, 30), "柏梓镇"),
        ItemDraft("完善台账", dt.date(2025, 9, 30), "花岩镇"),
    )
    draft = FindingDraft(
        description="部分脱贫户收入监测数据不准确",
        source=FindingSource.DISTRICT_SUPERVISION,
        found_on=dt.date(2025, 6, 1),
        task_numbers=(20,),
        items=items,
    )
    await create_finding(OPERATOR, draft, dt.datetime(2025, 6, 1, tzinfo=dt.UTC))


async def _export(api: Api) -> bytes:
    file = (await api.data(LEDGER_FILE, {}, "office"))["rectificationLedgerFile"]
    return base64.b64decode(file["contentBase64"])


def _edited(content: bytes) -> str:
    """One existing item's progress, one new row, one unit typo (Base64)."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    sheet.cell(row=2, column=9).value = "已核查全部120户"
    sheet.append([None, None, "区级专项督查", "村级公示不及时", "每月公示", "双江镇", "张三"])
    sheet.cell(row=5, column=8).value = "2027-09-30"
    sheet.append([None, None, "区级专项督查", "档案不全", "补齐档案", "柏子镇", "", "2027-09-30"])
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue()).decode()


async def test_preview_then_apply_then_void(api: Api) -> None:
    await _three_items()
    sheet = _edited(await _export(api))
    preview = (await ok(api, PREVIEW, {"contentBase64": sheet}, "office", "previewLedgerImport"))[
        "preview"
    ]
    assert (preview["created"], preview["updated"], preview["unchanged"], preview["refused"]) == (
        1,
        1,
        2,
        1,
    )
    rows: list[dict[str, Any]] = preview["rows"]
    assert [r["outcome"] for r in rows] == [
        "UPDATED",
        "UNCHANGED",
        "UNCHANGED",
        "CREATED",
        "REFUSED",
    ]
    assert rows[0]["changes"][0] == {
        "field": "progress",
        "label": "整改进展",
        "before": "",
        "after": "已核查全部120户",
    }
    assert rows[4]["reasons"][0]["message"] == "没有名为“柏子镇”的单位，是否为“柏梓镇”？"
    assert preview["summary"] == "共5行：新建1行、更新1行、无变化2行、不予导入1行"
    assert preview["text"].startswith(preview["summary"] + "\n第2行（编号")
    assert await RectificationItem.all().count() == 3

    # a sheet changed after its preview
    other = _edited(await _export(api))
    changed = (
        await api.data(
            APPLY,
            {"input": {"contentBase64": other[:-8] + "AAAAAAA=", "previewToken": "x.y"}},
            "office",
        )
    )["applyLedgerImport"]
    assert [e["code"] for e in changed["userErrors"]] == ["CONFLICT"]
    token = preview["previewToken"]
    applied = await ok(
        api, APPLY, {"contentBase64": sheet, "previewToken": token}, "office", "applyLedgerImport"
    )
    assert [i["responsibleUnit"]["name"] for i in applied["created"]] == ["双江镇"]
    assert [(i["latestProgress"], i["status"]) for i in applied["updated"]] == [
        ("已核查全部120户", "IN_PROGRESS")
    ]
    assert await RectificationItem.all().count() == 4

    # the old mutation with an untouched export: nothing duplicated
    old = (
        await api.data(
            IMPORT,
            {"input": {"contentBase64": base64.b64encode(await _export(api)).decode()}},
            "office",
        )
    )["importRectificationLedger"]
    assert (old["items"], old["userErrors"]) == ([], [])
    assert await RectificationItem.all().count() == 4

    # void the new item: kept, listed, out of the figures
    new = applied["created"][0]
    stale = (
        await api.data(
            VOID, {"input": {"itemId": new["id"], "expectedVersion": 9, "reason": "重复"}}, "office"
        )
    )["voidRectificationItem"]
    assert [e["code"] for e in stale["userErrors"]] == ["CONFLICT"]
    voided = await ok(
        api,
        VOID,
        {"itemId": new["id"], "expectedVersion": 1, "reason": "与第1项重复"},
        "office",
        "voidRectificationItem",
    )
    assert (voided["item"]["voided"], voided["item"]["voidReason"]) == (True, "与第1项重复")
    assert voided["item"]["daysOverdue"] == 0
    ledger = (await api.data(SUMMARY, {}, "viewer"))["rectificationLedger"]
    assert ledger["summary"]["total"] == 3
    assert [n["voided"] for n in ledger["items"]["nodes"]] == [False, False, False, True]
    codes = await api.data(
        VOID, {"input": {"itemId": new["id"], "expectedVersion": 2, "reason": "x"}}, "hr"
    )
    assert [e["code"] for e in codes["voidRectificationItem"]["userErrors"]] == ["FORBIDDEN"]
