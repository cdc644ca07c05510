"""Supervisions (a spot check draws its towns by lot), the derived group, and urge notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.integration.supervision.seed import (
    NOW,
    OFFICE,
    SUPERVISOR,
    finding,
    import_seed,
    item,
    reporter,
    town_candidates,
)
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Forbidden, Invalid
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.models import AuditEvent, RectificationItem, Supervision, Unit, UrgeNotice
from tongnan.domain.models.supervision import SupervisionKind, UrgedKind
from tongnan.domain.plans.plan_snapshot_loader import load_snapshot
from tongnan.domain.rules.sampling import draw
from tongnan.domain.supervision.findings import create_finding
from tongnan.domain.supervision.rectification import record_progress, verify_item
from tongnan.domain.supervision.supervisions import (
    DrawRequest,
    SupervisionChanges,
    SupervisionDraft,
    create_supervision,
    update_supervision,
)
from tongnan.domain.supervision.urging import issue_urge_notice, overdue_of_unit, urge_counts
from tongnan.responsibility_matrix import ResponsibilityGraph

SPOT = SupervisionDraft(
    kind=SupervisionKind.SPOT_CHECK,
    title="2025年第二季度随机抽查暗访",
    starts_on=dt.date(2025, 6, 20),
    ends_on=dt.date(2025, 6, 27),
    task_numbers=(19,),
)


async def test_a_spot_check_draws_three_towns_reproducibly(db: DatabaseUrl) -> None:
    await import_seed()
    towns = await town_candidates()
    assert len(towns) == 20  # 各镇街 less its two subdistricts
    request = DrawRequest(candidates=towns, count=3, seed="潼南-2025-Q2")
    made = await create_supervision(SUPERVISOR, replace(SPOT, draw=request), NOW)

    again = draw("潼南-2025-Q2", tuple(reversed(towns)), 3)
    assert made.unit_ids == [c.id for c in again.picked]
    assert made.draw is not None and made.draw["seed"] == "潼南-2025-Q2"
    assert made.draw["method"] == "sha256-rank-v1" and len(made.draw["tickets"]) == 20
    assert made.draw["picked"] == made.unit_ids

    unseeded = await create_supervision(
        OFFICE,
        replace(SPOT, draw=DrawRequest(candidates=towns, count=3)),
        NOW,
    )
    assert unseeded.draw is not None and len(unseeded.draw["seed"]) == 16  # chosen and kept


async def test_supervision_rules(db: DatabaseUrl) -> None:
    await import_seed()
    towns = await town_candidates()
    town = await reporter("双江镇")
    with pytest.raises(Forbidden):
        await create_supervision(town, SPOT, NOW)
    written = replace(SPOT, kind=SupervisionKind.WRITTEN)
    with pytest.raises(Invalid, match="只有随机抽查暗访"):
        await create_supervision(OFFICE, replace(written, draw=DrawRequest(towns, 3)), NOW)
    with pytest.raises(Invalid, match="抽不出30个"):
        await create_supervision(OFFICE, replace(SPOT, draw=DrawRequest(towns, 30, "s")), NOW)
    with pytest.raises(Invalid, match="结束日期不能早于开始日期"):
        await create_supervision(OFFICE, replace(SPOT, ends_on=dt.date(2025, 1, 1)), NOW)
    made = await create_supervision(
        OFFICE, replace(written, unit_names=("双江镇", "区民政局")), NOW
    )
    changed = await update_supervision(OFFICE, made.id, 1, SupervisionChanges(notes="已发函"), NOW)
    assert (changed.notes, changed.version) == ("已发函", 2)
    with pytest.raises(Conflict):
        await update_supervision(OFFICE, made.id, 1, SupervisionChanges(notes="旧版本"), NOW)
    assert await Supervision.all().count() == 1
    assert await AuditEvent.filter(object_type="Supervision").count() == 2


async def test_the_derived_group_is_the_owners_of_open_items(db: DatabaseUrl) -> None:
    await import_seed()
    deadline = dt.date(2025, 9, 30)
    made = await create_finding(
        OFFICE, finding(item("双江镇", deadline), item("区民政局", deadline)), NOW
    )
    graph = ResponsibilityGraph(await load_snapshot())
    responsible = {r.unit.name: r.via for r in graph.responsible_for(20).responsible_units}
    assert responsible["区民政局"] == ("各问题整改责任单位",)
    assert set(responsible["双江镇"]) == {"各问题整改责任单位", "各镇街"}

    item_of = {
        (await Unit.get(id=i.responsible_unit_id)).name: i
        for i in await RectificationItem.filter(finding_id=made.id)
    }
    civil = await reporter("区民政局")
    await record_progress(civil, item_of["区民政局"].id, 1, dt.date(2025, 7, 1), "已整改", NOW)
    await record_progress(
        civil, item_of["区民政局"].id, 2, dt.date(2025, 7, 1), "完成", NOW, complete=True
    )
    await verify_item(OFFICE, item_of["区民政局"].id, 3, "销号", NOW)
    graph = ResponsibilityGraph(await load_snapshot())
    names = {r.unit.name for r in graph.responsible_for(20).responsible_units}
    assert "区民政局" not in names and "双江镇" in names


async def test_urge_notices_are_numbered_and_counted(db: DatabaseUrl) -> None:
    await import_seed()
    plan = await current_plan()
    await create_finding(
        OFFICE,
        finding(item("双江镇", dt.date(2025, 7, 10)), item("双江镇", dt.date(2025, 8, 31))),
        NOW,
    )
    today = dt.date(2025, 7, 22)
    unit = await Unit.get(name="双江镇")
    overdue = await overdue_of_unit(plan, unit.id, today)
    assert [(e.kind, e.due_date, e.days_overdue) for e in overdue] == [
        (UrgedKind.RECTIFICATION, dt.date(2025, 7, 10), 12)
    ]
    with pytest.raises(Forbidden):
        await issue_urge_notice(SUPERVISOR, "双江镇", today, NOW)
    with pytest.raises(Invalid, match="没有逾期事项"):
        await issue_urge_notice(OFFICE, "花岩镇", today, NOW)
    first = await issue_urge_notice(OFFICE, "双江镇", today, NOW)
    second = await issue_urge_notice(OFFICE, "双江镇", today + dt.timedelta(days=7), NOW)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.items == [
        {
            "kind": "RECTIFICATION",
            "ref_id": overdue[0].ref_id,
            "text": "区级专项督查问题整改:部分脱贫户收入监测数据不准确",
            "due_date": "2025-07-10",
            "days_overdue": 12,
        }
    ]
    assert second.items[0]["days_overdue"] == 19
    counts = await urge_counts(plan.id)
    assert [(c.unit_id, c.count, c.last_issued_on) for c in counts] == [
        (unit.id, 2, dt.date(2025, 7, 29))
    ]
    assert await UrgeNotice.all().count() == 2
