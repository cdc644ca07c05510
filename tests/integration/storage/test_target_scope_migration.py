"""Migration 0007 gives the targets already stored the scope their wording suggests, by the
importer's own rule, on both backends."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.databases import Databases
from tongnan.domain.common.migrate import upgrade

ROWS = [
    (
        "全区脱贫群众就业总体规模",
        "全区脱贫群众就业总体规模稳定在2.4万人以上",
        "GE",
        "人",
        "DISTRICT_TOTAL",
    ),
    ("低收入群体年人均纯收入", "低收入群体年人均纯收入不低于8700元", "GE", "元", "EACH_UNIT"),
    ("基本医保参保率", "基本医保参保率达99%以上", "GE", "%", "DISTRICT_RATE"),
    ("饮水问题", "饮水问题动态清零", "EQ", None, "CLEARANCE"),
]


async def test_stored_targets_get_a_proposed_scope(databases: Databases) -> None:
    url = await databases.empty()
    engine = create_async_engine(url.sqlalchemy_url())
    try:
        await asyncio.to_thread(upgrade, url, "0004_documents")
        async with engine.begin() as conn:
            await conn.execute(
                sa.text(
                    "INSERT INTO work_plan (id, code, title, plan_title, issuer, issued_on,"
                    " addressees, letter, preamble, full_text, source_sha256, version,"
                    " created_at, updated_at) VALUES (1, 'c', 't', 'p', 'i', '2025-01-01', '[]',"
                    " '', '', '', 'x', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
                )
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO section (id, plan_id, number, label, title)"
                    " VALUES (1, 1, 1, '一、', 's')"
                )
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO task (id, plan_id, section_id, number, label, title, body)"
                    " VALUES (1, 1, 1, 1, '(一)', 't', 'b')"
                )
            )
            for position, (metric, text, comparator, unit, _) in enumerate(ROWS):
                await conn.execute(
                    sa.text(
                        "INSERT INTO target (task_id, position, metric, comparator,"
                        " unit_of_measure, text) VALUES (1, :p, :m, :c, :u, :t)"
                    ),
                    {"p": position, "m": metric, "c": comparator, "u": unit, "t": text},
                )
        await asyncio.to_thread(upgrade, url, "head")
        async with engine.connect() as conn:
            got = (
                await conn.execute(sa.text("SELECT scope, version FROM target ORDER BY position"))
            ).all()
        assert [tuple(row) for row in got] == [(row[-1], 1) for row in ROWS]
    finally:
        await engine.dispose()
        await databases.drop(url)
