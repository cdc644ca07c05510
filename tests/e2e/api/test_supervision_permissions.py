"""Who may create, update and verify in the supervision API, and stale versions as CONFLICT."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.api.supervision_ops import (
    CREATE_FINDING,
    CREATE_SUPERVISION,
    IMPORT,
    ISSUE_URGE,
    LEDGER,
    PROGRESS,
    UPDATE_ITEM,
    VERIFY,
    ok,
    refused,
)
from tests.support.api import Api
from tongnan.domain.models import AuditEvent, RectificationItem, Supervision
from tongnan.schema.common.ids import from_global_id, to_global_id

TASK_ONE = to_global_id("Task", 1)  # an id, but not of a rectification item


def int_id(node: dict[str, Any]) -> int:
    return from_global_id(node["id"])[1]


WRITTEN = {"kind": "WRITTEN", "title": "书面督查", "startsOn": "2025-06-01", "taskNumbers": [19]}


async def _items(api: Api) -> dict[str, dict[str, Any]]:
    """An item for 双江镇 and one for 花岩镇, keyed by unit."""
    made = await ok(
        api,
        CREATE_FINDING,
        {
            "description": "问题",
            "source": "VISITS",
            "foundOn": "2025-06-01",
            "items": [
                {"measures": "整改", "deadline": "2099-12-31", "responsibleUnitName": unit}
                for unit in ("双江镇", "花岩镇")
            ],
        },
        "office",
        "createFinding",
    )
    return {i["responsibleUnit"]["name"]: i for i in made["finding"]["items"]}


@pytest.mark.parametrize("caller", ["shuangjiang", "hr", "viewer", None])
async def test_only_the_office_and_supervisors_create(api: Api, caller: str | None) -> None:
    assert await refused(api, CREATE_SUPERVISION, WRITTEN, caller, "createSupervision") == [
        "FORBIDDEN"
    ]
    finding = {"description": "x", "source": "ASSESSMENT", "foundOn": "2025-06-01"}
    assert await refused(api, CREATE_FINDING, finding, caller, "createFinding") == ["FORBIDDEN"]
    assert await Supervision.all().count() == 0
    await ok(api, CREATE_SUPERVISION, WRITTEN, "supervisor", "createSupervision")
    await ok(api, CREATE_SUPERVISION, WRITTEN, "office", "createSupervision")


async def test_a_town_cannot_verify_its_own_item(api: Api) -> None:
    mine = (await _items(api))["双江镇"]
    await ok(
        api,
        PROGRESS,
        {"itemId": mine["id"], "expectedVersion": 1, "content": "完成", "complete": True},
        "shuangjiang",
        "recordRectificationProgress",
    )
    verdict = {"itemId": mine["id"], "expectedVersion": 2, "note": "自行销号"}
    for caller in ("shuangjiang", "supervisor", "hr", "viewer"):
        assert await refused(api, VERIFY, verdict, caller, "verifyRectificationItem") == [
            "FORBIDDEN"
        ]
    assert (await RectificationItem.get(id=int_id(mine))).status == "COMPLETED"
    done = await ok(api, VERIFY, verdict, "office", "verifyRectificationItem")
    assert done["item"]["verifiedBy"] == "test-office"


async def test_a_town_cannot_edit_another_towns_item(api: Api) -> None:
    theirs = (await _items(api))["花岩镇"]
    before = await AuditEvent.all().count()
    edit = {"id": theirs["id"], "expectedVersion": 1, "measures": "改成我的措施"}
    assert await refused(api, UPDATE_ITEM, edit, "shuangjiang", "updateRectificationItem") == [
        "FORBIDDEN"
    ]
    progress = {"itemId": theirs["id"], "expectedVersion": 1, "content": "代报"}
    assert await refused(api, PROGRESS, progress, "shuangjiang", "recordRectificationProgress") == [
        "FORBIDDEN"
    ]
    assert (await RectificationItem.get(id=int_id(theirs))).version == 1
    assert await AuditEvent.all().count() == before


async def test_a_town_edits_its_measures_but_not_its_deadline(api: Api) -> None:
    mine = (await _items(api))["双江镇"]
    later = {"id": mine["id"], "expectedVersion": 1, "deadline": "2100-01-01"}
    assert await refused(api, UPDATE_ITEM, later, "shuangjiang", "updateRectificationItem") == [
        "FORBIDDEN"
    ]
    edited = await ok(
        api,
        UPDATE_ITEM,
        {
            "id": mine["id"],
            "expectedVersion": 1,
            "measures": "逐户整改",
            "responsiblePersons": [{"name": "张三", "post": "镇长"}],
        },
        "shuangjiang",
        "updateRectificationItem",
    )
    assert edited["item"]["responsiblePersons"] == [{"name": "张三", "post": "镇长"}]
    moved = await ok(
        api, UPDATE_ITEM, later | {"expectedVersion": 2}, "office", "updateRectificationItem"
    )
    assert (moved["item"]["deadline"], moved["item"]["version"]) == ("2100-01-01", 3)


async def test_a_stale_version_is_a_conflict(api: Api) -> None:
    mine = (await _items(api))["双江镇"]
    await ok(
        api,
        PROGRESS,
        {"itemId": mine["id"], "expectedVersion": 1, "content": "第一次"},
        "shuangjiang",
        "recordRectificationProgress",
    )
    payload = (
        await api.data(
            PROGRESS,
            {"input": {"itemId": mine["id"], "expectedVersion": 1, "content": "基于旧版本"}},
            token="shuangjiang",
        )
    )["recordRectificationProgress"]
    assert payload["item"] is None
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("CONFLICT", ["expectedVersion"])
    ]
    wrong = await refused(
        api,
        VERIFY,
        {"itemId": TASK_ONE, "expectedVersion": 1, "note": "x"},
        "office",
        "verifyRectificationItem",
    )
    assert wrong == ["INVALID"]  # the id of a task, not of an item


async def test_urging_importing_and_reading_need_the_right_caller(api: Api) -> None:
    assert await refused(
        api, ISSUE_URGE, {"unitName": "双江镇"}, "supervisor", "issueUrgeNotice"
    ) == ["FORBIDDEN"]
    assert await refused(api, ISSUE_URGE, {"unitName": "双江镇"}, "office", "issueUrgeNotice") == [
        "INVALID"
    ]  # nothing overdue
    assert await refused(api, IMPORT, {"contentBase64": ""}, "hr", "importRectificationLedger") == [
        "FORBIDDEN"
    ]
    anonymous = await api.post(LEDGER, {})
    assert "需要先登录" in anonymous.json()["errors"][0]["message"]


FINDINGS = "{ findings { totalCount } supervisions { totalCount } }"
ITEM = """query($id: ID!) { rectificationItem(id: $id) { id measures
  finding { items { responsibleUnit { name } } } } }"""


async def test_a_unit_reads_its_own_rectification_items_only(api: Api) -> None:
    items = await _items(api)
    own, theirs = items["双江镇"], items["花岩镇"]

    ledger = (await api.data(LEDGER, {}, token="shuangjiang"))["rectificationLedger"]
    assert [u["unit"]["name"] for u in ledger["byUnit"]] == ["双江镇"]
    assert ledger["summary"]["total"] == 1
    assert (await api.data(ITEM, {"id": theirs["id"]}, token="shuangjiang")) == {
        "rectificationItem": None
    }
    mine = (await api.data(ITEM, {"id": own["id"]}, token="shuangjiang"))["rectificationItem"]
    assert [i["responsibleUnit"]["name"] for i in mine["finding"]["items"]] == ["双江镇"]
    # supervisions and findings are the overseers' ledger
    assert (await api.data(FINDINGS, token="shuangjiang")) == {
        "findings": {"totalCount": 0},
        "supervisions": {"totalCount": 0},
    }
    for overseer in ("office", "supervisor", "viewer"):
        seen = (await api.data(LEDGER, {}, token=overseer))["rectificationLedger"]
        assert seen["summary"]["total"] == 2, overseer
        assert (await api.data(FINDINGS, token=overseer))["findings"]["totalCount"] == 1
