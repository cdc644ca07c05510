"""A generated rectification ledger: findings of every source, items over the units, updates."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.lookup import current_plan
from tongnan.domain.common.values import Role, UnitKind
from tongnan.domain.directory import parse_directory
from tongnan.domain.directory.tokens import create_token
from tongnan.domain.models import Finding, RectificationItem, RectificationUpdate, Unit
from tongnan.domain.models.supervision import FindingSource, RectificationStatus
from tongnan.domain.parsing import parse_notice
from tongnan.domain.plans.plan_import import import_plan

REPO = Path(__file__).resolve().parents[2]
OPERATOR = Actor(name="bench", role=Role.OFFICE_ADMIN)
NOW = dt.datetime(2025, 6, 1, 1, 0, tzinfo=dt.UTC)
ITEMS_PER_FINDING = 5
SOURCES = [s for s in FindingSource if s is not FindingSource.OTHER]
STATUSES = list(RectificationStatus)


async def seed_plan() -> str:
    """Import the bundled plan and directory; a viewer's token."""
    await import_plan(
        parse_notice((REPO / "data/plans/tongnan-2025-work-points.txt").read_text("utf-8")),
        OPERATOR,
        parse_directory((REPO / "data/directory.toml").read_text("utf-8")),
    )
    return (await create_token(None, Role.VIEWER, OPERATOR, "bench-viewer")).token


async def generate_ledger(count: int, first_index: int = 0, seed: int = 6) -> None:
    """Add ``count`` items (and their findings and updates) in bulk."""
    rng = random.Random(seed + first_index)
    plan = await current_plan()
    units = [
        u.id
        for u in await Unit.filter(
            kind__in=[UnitKind.TOWN, UnitKind.SUBDISTRICT, UnitKind.DEPARTMENT]
        )
    ]
    findings = [
        Finding(
            plan_id=plan.id,
            source=SOURCES[n % len(SOURCES)],
            description=f"生成的问题{first_index + n}",
            task_numbers=[rng.choice((19, 20)), 20],
            unit_ids=[],
            found_on=dt.date(2025, 6, 1),
            created_by="bench",
            version=1,
            created_at=NOW,
            updated_at=NOW,
        )
        for n in range(-(-count // ITEMS_PER_FINDING))
    ]
    await Finding.bulk_create(findings, batch_size=1000)
    stored = await Finding.filter(created_by="bench").order_by("-id").limit(len(findings))
    finding_ids = sorted(f.id for f in stored)
    items = [
        RectificationItem(
            plan_id=plan.id,
            finding_id=finding_ids[n // ITEMS_PER_FINDING],
            responsible_unit_id=rng.choice(units),
            measures=f"整改措施{first_index + n}",
            deadline=dt.date(2025, 6, 1) + dt.timedelta(days=rng.randint(0, 120)),
            responsible_persons=[{"name": "张三", "post": "副镇长"}],
            status=rng.choice(STATUSES),
            latest_progress="按计划推进",
            created_by="bench",
            version=1,
            created_at=NOW,
            updated_at=NOW,
        )
        for n in range(count)
    ]
    await RectificationItem.bulk_create(items, batch_size=1000)
    new_ids = await RectificationItem.filter(finding_id__in=finding_ids).values_list(
        "id", flat=True
    )
    updates = [
        RectificationUpdate(
            item_id=item_id,
            reported_on=dt.date(2025, 6, day),
            content=f"第{day}日进展",
            status_after=RectificationStatus.IN_PROGRESS,
            author="bench",
            created_at=NOW,
        )
        for item_id in sorted(int(str(i)) for i in new_ids)[::5]
        for day in (10, 20)
    ]
    await RectificationUpdate.bulk_create(updates, batch_size=1000)
