"""Rectification items through their life: open, progress, complete, verify or reject, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.supervision.seed import (
    FOUND,
    NOW,
    OFFICE,
    SUPERVISOR,
    VIEWER,
    finding,
    import_seed,
    item,
    reporter,
)
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid, NotFound
from tongnan.domain.models import AuditEvent, RectificationItem, RectificationUpdate
from tongnan.domain.models.supervision import FindingSource, RectificationStatus
from tongnan.domain.supervision.findings import create_finding
from tongnan.domain.supervision.rectification import (
    ItemChanges,
    edit_item,
    open_item,
    record_progress,
    reject_item,
    verify_item,
)

S = RectificationStatus
DEADLINE = dt.date(2025, 9, 30)


async def _two_items() -> tuple[RectificationItem, RectificationItem]:
    await import_seed()
    made = await create_finding(
        SUPERVISOR, finding(item("双江镇", DEADLINE), item("花岩镇", DEADLINE)), NOW
    )
    first, second = await RectificationItem.filter(finding_id=made.id).order_by("id")
    return first, second


async def test_a_town_reports_completes_and_the_office_verifies(db: DatabaseUrl) -> None:
    mine, _ = await _two_items()
    town = await reporter("双江镇")
    day = dt.date(2025, 6, 30)

    mine, _ = await record_progress(town, mine.id, 1, day, "已完成入户核查", NOW)
    assert (mine.status, mine.version, mine.latest_progress) == (S.IN_PROGRESS, 2, "已完成入户核查")
    mine, update = await record_progress(town, mine.id, 2, day, "数据已更正", NOW, complete=True)
    assert (mine.status, mine.version, update.status_after) == (S.COMPLETED, 3, S.COMPLETED)
    assert await RectificationUpdate.filter(item_id=mine.id).count() == 2

    with pytest.raises(Forbidden):
        await verify_item(town, mine.id, 3, "自己销号", NOW)
    mine = await verify_item(OFFICE, mine.id, 3, "经核查,整改到位", NOW)
    stored = await RectificationItem.get(id=mine.id)
    assert (stored.status, stored.version, stored.verified_by) == (S.VERIFIED, 4, "office")
    assert stored.verification_note == "经核查,整改到位"

    actions = await AuditEvent.filter(object_type="RectificationItem", object_id=str(mine.id))
    assert [e.action for e in sorted(actions, key=lambda e: e.id)] == [
        "rectification.opened",
        "rectification.progressed",
        "rectification.completed",
        "rectification.verified",
    ]


async def test_a_failed_verification_sends_the_item_back(db: DatabaseUrl) -> None:
    mine, _ = await _two_items()
    town = await reporter("双江镇")
    day = dt.date(2025, 6, 30)
    await record_progress(town, mine.id, 1, day, "整改中", NOW)
    await record_progress(town, mine.id, 2, day, "已整改", NOW, complete=True)
    back = await reject_item(OFFICE, mine.id, 3, "抽查发现仍有3户数据未更正", NOW)
    assert (back.status, back.returned, back.version) == (S.IN_PROGRESS, True, 4)
    with pytest.raises(Conflict, match="只有已完成的事项才能销号"):
        await verify_item(OFFICE, mine.id, 4, "销号", NOW)
    again, _ = await record_progress(town, mine.id, 4, day, "已全部更正", NOW, complete=True)
    assert (again.status, again.returned) == (S.COMPLETED, False)


async def test_stale_versions_and_wrong_states_are_conflicts(db: DatabaseUrl) -> None:
    mine, _ = await _two_items()
    town = await reporter("双江镇")
    day = dt.date(2025, 6, 30)
    await record_progress(town, mine.id, 1, day, "整改中", NOW)
    with pytest.raises(Conflict) as stale:
        await record_progress(town, mine.id, 1, day, "又一次", NOW)
    assert stale.value.field == ("expectedVersion",)
    with pytest.raises(Conflict, match="只有已完成的事项"):
        await reject_item(OFFICE, mine.id, 2, "不通过", NOW)
    with pytest.raises(Invalid, match="还没到"):
        await record_progress(town, mine.id, 2, dt.date(2025, 7, 2), "明天的事", NOW)
    assert (await RectificationItem.get(id=mine.id)).version == 2


async def test_a_town_acts_on_its_own_items_only(db: DatabaseUrl) -> None:
    _, theirs = await _two_items()
    town = await reporter("双江镇")
    with pytest.raises(Forbidden, match=r"双江镇只能\w+本单位的"):
        await record_progress(town, theirs.id, 1, dt.date(2025, 6, 30), "代报", NOW)
    with pytest.raises(Forbidden, match=r"双江镇只能\w+本单位的"):
        await edit_item(town, theirs.id, 1, ItemChanges(measures="改一改"), NOW)
    with pytest.raises(Forbidden):
        await record_progress(OFFICE, theirs.id, 1, dt.date(2025, 6, 30), "代报", NOW)
    assert (await RectificationItem.get(id=theirs.id)).version == 1


async def test_edits_measures_but_only_the_office_reschedules(db: DatabaseUrl) -> None:
    mine, _ = await _two_items()
    town = await reporter("双江镇")
    edited = await edit_item(
        town, mine.id, 1, ItemChanges(measures="逐户核查,每月比对", responsible_persons=()), NOW
    )
    assert (edited.measures, edited.version) == ("逐户核查,每月比对", 2)
    with pytest.raises(Forbidden):
        await edit_item(town, mine.id, 2, ItemChanges(deadline=dt.date(2025, 12, 31)), NOW)
    moved = await edit_item(
        OFFICE,
        mine.id,
        2,
        ItemChanges(deadline=dt.date(2025, 12, 31), responsible_unit_name="区民政局"),
        NOW,
    )
    assert moved.deadline == dt.date(2025, 12, 31) and moved.version == 3
    with pytest.raises(Invalid, match="是单位组"):
        await edit_item(OFFICE, mine.id, 3, ItemChanges(responsible_unit_name="各镇街"), NOW)


async def test_findings_check_their_input(db: DatabaseUrl) -> None:
    await import_seed()
    with pytest.raises(Forbidden):
        await create_finding(VIEWER, finding(item("双江镇", DEADLINE)), NOW)
    with pytest.raises(NotFound) as unknown:
        await create_finding(OFFICE, finding(item("不存在镇", DEADLINE)), NOW)
    assert unknown.value.field == ("items", "0", "responsibleUnitName")
    with pytest.raises(Invalid, match="请写明具体来源"):
        await create_finding(OFFICE, finding(source=FindingSource.OTHER), NOW)
    with pytest.raises(Invalid, match="早于发现问题的日期"):
        await create_finding(OFFICE, finding(item("双江镇", FOUND - dt.timedelta(days=1))), NOW)
    with pytest.raises(NotFound):
        await create_finding(OFFICE, finding(supervision_id=999), NOW)
    assert await RectificationItem.all().count() == 0  # nothing half-written

    other = await create_finding(
        OFFICE, finding(source=FindingSource.OTHER, source_detail="区审计局审计"), NOW
    )
    assert other.source_name == "区审计局审计"
    added = await open_item(OFFICE, other.id, item("双江镇", DEADLINE), NOW)
    assert added.status is S.OPEN and added.finding_id == other.id
