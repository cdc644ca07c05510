"""A spot check through the API, on both backends: draw, findings, ledger, verification, urging,
export and import of the ledger sheet, with an injected clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from tests.e2e.api.supervision_ops import IMPORT, ISSUE_URGE, LEDGER, LEDGER_FILE, ok
from tests.e2e.api.supervision_scenario import at, play_spot_check
from tests.e2e.api.supervision_sheets import HEADERS, sheet_rows, sheet_with_two_bad_rows
from tests.support.api import Api, api_for
from tongnan.domain.common.clock import FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import AuditEvent, RectificationItem


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 20)))


@pytest.fixture
async def sup_api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for api in api_for(db_url, clock=clock):
        yield api


async def test_a_spot_check_from_draw_to_urge_notice(sup_api: Api, clock: FixedClock) -> None:
    api = sup_api
    items = await play_spot_check(api, clock)  # steps 1–4

    # 5. 别口镇's item: green, then yellow, then red
    async def level_of_biekou(as_of: str | None) -> tuple[str, int]:
        data = await api.data(LEDGER, {"filter": {"unitName": "别口镇"}, "asOf": as_of}, "viewer")
        node = data["rectificationLedger"]["items"]["nodes"][0]
        return node["warningLevel"], node["daysOverdue"]

    assert await level_of_biekou("2025-07-01") == ("GREEN", 0)
    assert await level_of_biekou("2025-07-08") == ("YELLOW", 0)
    clock.set(at(dt.date(2025, 7, 20)))
    assert await level_of_biekou(None) == ("RED", 10)

    ledger = (await api.data(LEDGER, {}, "viewer"))["rectificationLedger"]
    assert ledger["asOf"] == "2025-07-20"
    assert ledger["summary"] == {
        "total": 3,
        "open": 1,
        "inProgress": 1,
        "completed": 0,
        "verified": 1,
        "overdue": 1,
        "completionRate": 0.3333,
    }
    assert {s["sourceName"]: s["tally"]["completionRate"] for s in ledger["bySource"]} == {
        "区级专项督查": 0.5,
        "市委巡视反馈": 0.0,
    }
    assert {u["unit"]["name"]: u["tally"]["overdue"] for u in ledger["byUnit"]} == {
        "双江镇": 0,
        "群力镇": 0,
        "别口镇": 1,
    }
    assert {t["task"]["number"]: t["tally"]["total"] for t in ledger["byTask"]} == {19: 2, 20: 3}
    overdue = await api.data(LEDGER, {"filter": {"overdue": True}}, "viewer")
    assert [
        n["responsibleUnit"]["name"] for n in overdue["rectificationLedger"]["items"]["nodes"]
    ] == ["别口镇"]

    # the derived group 各问题整改责任单位: the owners of items not yet verified
    group = await api.data('{ unit(name: "各问题整改责任单位") { members { name } } }')
    assert {m["name"] for m in group["unit"]["members"]} == {"群力镇", "别口镇"}

    # 6. an urge notice to 别口镇
    urged = await ok(api, ISSUE_URGE, {"unitName": "别口镇"}, "office", "issueUrgeNotice")
    notice = urged["urgeNotice"]
    assert (notice["sequence"], notice["issuedOn"], notice["unit"]["name"]) == (
        1,
        "2025-07-20",
        "别口镇",
    )
    assert [(i["kind"], i["dueDate"], i["daysOverdue"]) for i in notice["items"]] == [
        ("RECTIFICATION", "2025-07-10", 10)
    ]
    assert notice["items"][0]["refId"] == items["别口镇"]["id"]
    counts = await api.data("{ urgeCounts { unit { name } count lastIssuedOn } }", token="viewer")
    assert counts["urgeCounts"] == [
        {"unit": {"name": "别口镇"}, "count": 1, "lastIssuedOn": "2025-07-20"}
    ]

    # 7. the ledger sheet: exactly these rows
    file = (await api.data(LEDGER_FILE, {}, "viewer"))["rectificationLedgerFile"]
    assert (file["filename"], file["rowCount"]) == ("整改台账-20250720.xlsx", 3)
    rows = sheet_rows(file["contentBase64"])
    numbers = [row[1] for row in rows[1:]]  # 编号: each item's stable number
    assert (
        rows[0][1] == "编号" and len(set(numbers)) == 3 and all(isinstance(n, int) for n in numbers)
    )
    assert [row[-1] for row in rows] == ["佐证材料", 0, 0, 0]  # no files attached
    assert [[row[0], *row[2:-1]] for row in rows] == [
        HEADERS,
        [
            1,
            "区级专项督查",
            "部分脱贫户收入监测数据与实际不符",
            "逐户核实收入数据并更正",
            "双江镇",
            "张三(副镇长)",
            dt.datetime(2025, 7, 31),
            "数据已全部更正",
            "已销号",
        ],
        [
            2,
            "区级专项督查",
            "部分脱贫户收入监测数据与实际不符",
            "建立收入监测数据比对机制",
            "群力镇",
            "李四(副镇长)",
            dt.datetime(2025, 8, 15),
            "比对机制已建立",
            "整改中",
        ],
        [
            3,
            "市委巡视反馈",
            "防返贫监测帮扶措施落实不到位",
            "落实一户一策帮扶措施",
            "别口镇",
            "王五(副镇长)",
            dt.datetime(2025, 7, 10),
            None,
            "待整改",
        ],
    ]

    # 8. a sheet with two bad rows is refused, naming both
    count = await RectificationItem.all().count()
    content = sheet_with_two_bad_rows()
    refused = (await api.data(IMPORT, {"input": {"contentBase64": content}}, "office"))[
        "importRectificationLedger"
    ]
    assert [(e["row"], e["column"], e["columnLetter"]) for e in refused["rowErrors"]] == [
        (3, "责任单位", "E"),
        (4, "整改时限", "G"),
    ]
    assert [e["code"] for e in refused["userErrors"]] == ["INVALID", "INVALID"]
    assert refused["items"] == [] and await RectificationItem.all().count() == count
    good = (
        await api.data(
            IMPORT, {"input": {"contentBase64": content, "importGoodRows": True}}, "office"
        )
    )["importRectificationLedger"]
    assert good["userErrors"] == [] and [e["row"] for e in good["rowErrors"]] == [3, 4]
    assert [i["responsibleUnit"]["name"] for i in good["items"]] == ["双江镇"]
    assert await RectificationItem.all().count() == count + 1

    actions = {e.action for e in await AuditEvent.all()}
    assert {
        "supervision.created",
        "finding.created",
        "rectification.opened",
        "rectification.progressed",
        "rectification.completed",
        "rectification.verified",
        "rectification.rejected",
        "urge.issued",
        "rectification.imported",
    } <= actions
