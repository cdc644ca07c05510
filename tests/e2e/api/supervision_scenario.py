"""Steps 1–4 of the spot-check scenario: a drawn supervision of three towns, two findings from
different sources, progress, completion, one verification and one rejection (with assertions)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from tests.e2e.api.supervision_ops import (
    CREATE_FINDING,
    CREATE_SUPERVISION,
    PROGRESS,
    REJECT,
    VERIFY,
    ok,
)
from tests.support.api import Api
from tests.support.files import DIRECTORY_FILE
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.directory import parse_directory

SEED = "潼南-2025-抽查-8"
TOWNS = [
    e.name
    for e in parse_directory(DIRECTORY_FILE.read_text(encoding="utf-8"))
    if e.kind is UnitKind.TOWN
]


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), LOCAL_TZ)


def _item_input(unit: str, deadline: str, measures: str, person: str) -> dict[str, Any]:
    return {
        "measures": measures,
        "deadline": deadline,
        "responsibleUnitName": unit,
        "responsiblePersons": [{"name": person, "post": "副镇长"}],
    }


async def play_spot_check(api: Api, clock: FixedClock) -> dict[str, dict[str, Any]]:
    """Play steps 1–4; the items by town."""
    for key, unit in (("qunli", "群力镇"), ("biekou", "别口镇")):
        await api.token_for(key, unit, Role.UNIT_REPORTER)

    # 1. a spot check of three towns, drawn by lot from the towns with duties on task (十九)
    made = await ok(
        api,
        CREATE_SUPERVISION,
        {
            "kind": "SPOT_CHECK",
            "title": "2025年6月随机抽查暗访",
            "startsOn": "2025-06-20",
            "endsOn": "2025-06-27",
            "taskNumbers": [19],
            "team": [{"name": "王督查", "post": "组长"}],
            "draw": {"count": 3, "seed": SEED, "unitKinds": ["TOWN"]},
        },
        "supervisor",
        "createSupervision",
    )
    supervision = made["supervision"]
    fair = sorted(TOWNS, key=lambda n: hashlib.sha256(f"{SEED}\x1f{n}".encode()).hexdigest())
    assert [u["name"] for u in supervision["units"]] == fair[:3] == ["群力镇", "双江镇", "别口镇"]
    draw = supervision["draw"]
    assert (draw["seed"], draw["count"], len(draw["tickets"])) == (SEED, 3, 20)
    assert [t["unitName"] for t in draw["tickets"] if t["picked"]] == fair[:3]

    # 2. two problems from different sources, with items and deadlines
    first = await ok(
        api,
        CREATE_FINDING,
        {
            "description": "部分脱贫户收入监测数据与实际不符",
            "source": "DISTRICT_SUPERVISION",
            "foundOn": "2025-06-20",
            "supervisionId": supervision["id"],
            "taskNumbers": [19, 20],
            "unitNames": ["双江镇", "群力镇"],
            "severity": "SERIOUS",
            "items": [
                _item_input("双江镇", "2025-07-31", "逐户核实收入数据并更正", "张三"),
                _item_input("群力镇", "2025-08-15", "建立收入监测数据比对机制", "李四"),
            ],
        },
        "supervisor",
        "createFinding",
    )
    second = await ok(
        api,
        CREATE_FINDING,
        {
            "description": "防返贫监测帮扶措施落实不到位",
            "source": "INSPECTION",
            "foundOn": "2025-06-20",
            "supervisionId": supervision["id"],
            "taskNumbers": [20],
            "unitNames": ["别口镇"],
            "items": [_item_input("别口镇", "2025-07-10", "落实一户一策帮扶措施", "王五")],
        },
        "office",
        "createFinding",
    )
    assert first["finding"]["sourceName"] == "区级专项督查"
    assert second["finding"]["sourceName"] == "市委巡视反馈"
    shuangjiang, qunli = first["finding"]["items"]
    biekou = second["finding"]["items"][0]

    # 3. 双江镇 reports twice and completes; 群力镇 completes at once
    clock.set(at(dt.date(2025, 6, 25)))
    step = await ok(
        api,
        PROGRESS,
        {"itemId": shuangjiang["id"], "expectedVersion": 1, "content": "已完成入户核实32户"},
        "shuangjiang",
        "recordRectificationProgress",
    )
    assert (step["item"]["status"], step["update"]["reportedOn"]) == ("IN_PROGRESS", "2025-06-25")
    clock.set(at(dt.date(2025, 7, 5)))
    step = await ok(
        api,
        PROGRESS,
        {
            "itemId": shuangjiang["id"],
            "expectedVersion": 2,
            "content": "数据已全部更正",
            "complete": True,
        },
        "shuangjiang",
        "recordRectificationProgress",
    )
    assert (step["item"]["status"], step["item"]["version"]) == ("COMPLETED", 3)
    assert [u["content"] for u in step["item"]["updates"]] == [
        "已完成入户核实32户",
        "数据已全部更正",
    ]
    await ok(
        api,
        PROGRESS,
        {
            "itemId": qunli["id"],
            "expectedVersion": 1,
            "content": "比对机制已建立",
            "complete": True,
        },
        "qunli",
        "recordRectificationProgress",
    )

    # 4. the office verifies one and rejects the other
    clock.set(at(dt.date(2025, 7, 9)))
    verified = await ok(
        api,
        VERIFY,
        {"itemId": shuangjiang["id"], "expectedVersion": 3, "note": "经实地核查,整改到位,同意销号"},
        "office",
        "verifyRectificationItem",
    )
    assert verified["item"]["status"] == "VERIFIED"
    rejected = await ok(
        api,
        REJECT,
        {"itemId": qunli["id"], "expectedVersion": 2, "note": "比对机制未覆盖全部村"},
        "office",
        "rejectRectificationItem",
    )
    assert (rejected["item"]["status"], rejected["item"]["returned"]) == ("IN_PROGRESS", True)
    assert rejected["item"]["warningLevel"] == "YELLOW"  # returned for rework
    return {"双江镇": shuangjiang, "群力镇": qunli, "别口镇": biekou}
