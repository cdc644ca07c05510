"""The audit hash: covers the previous hash and every field; stable for the same content."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tongnan.domain.common.audit import GENESIS_HASH, event_hash, jsonable
from tongnan.domain.common.values import AssignmentRole

AT = dt.datetime(2025, 4, 27, 9, 30, tzinfo=dt.UTC)
BASE = (GENESIS_HASH, AT, "cli:office", None, "task.updated", "Task", "7", {"a": 1}, {"a": 2})


def test_same_content_same_hash_in_any_time_zone() -> None:
    shifted = AT.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert event_hash(*BASE) == event_hash(BASE[0], shifted, *BASE[2:])
    assert len(event_hash(*BASE)) == 64


def test_every_field_is_covered() -> None:
    reference = event_hash(*BASE)
    changed = [
        ("1" * 64, *BASE[1:]),
        (BASE[0], AT + dt.timedelta(microseconds=1), *BASE[2:]),
        (*BASE[:2], "cli:other", *BASE[3:]),
        (*BASE[:3], "双江镇", *BASE[4:]),
        (*BASE[:4], "task.deleted", *BASE[5:]),
        (*BASE[:5], "Target", *BASE[6:]),
        (*BASE[:6], "8", *BASE[7:]),
        (*BASE[:7], {"a": 0}, BASE[8]),
        (*BASE[:8], {"a": 3}),
    ]
    assert len({event_hash(*c) for c in changed} | {reference}) == len(changed) + 1


def test_jsonable_turns_domain_values_into_json() -> None:
    assert jsonable(
        {
            "d": dt.date(2025, 4, 27),
            "n": Decimal("8700.0000"),
            "r": AssignmentRole.LEAD,
            "l": (1, Decimal("0.50")),
        }
    ) == {"d": "2025-04-27", "n": "8700", "r": "LEAD", "l": [1, "0.5"]}
