"""The delivery worker's changes drop only what shows notifications: the plan cache's structure
and reporting parts stay, and only a query naming a notification field is keyed on them."""

from __future__ import annotations

from tongnan.domain.common.changes import Change, ChangeFeed
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.schema.notifications.queries import ROOT_FIELDS
from tongnan.server.response_cache import names_any


def test_a_delivery_change_moves_only_the_notifications_counter() -> None:
    feed = ChangeFeed()
    plans = PlanCache(feed)
    before, notes = plans.freshness, plans.notifications
    for kind in ("notification_delivery", "notification", "notification_channel", "calendar_feed"):
        feed.publish(Change(kind))
    assert plans.freshness == before
    assert plans.notifications == notes + 4


def test_a_plan_change_or_one_heard_from_outside_moves_everything() -> None:
    feed = ChangeFeed()
    plans = PlanCache(feed)
    for kind in ("assignment", "reconnected"):
        before, notes = plans.freshness, plans.notifications
        feed.publish(Change(kind))
        assert plans.freshness[0] == before[0] + 1
        assert plans.notifications == notes + 1
    before, notes = plans.freshness, plans.notifications
    feed.publish(Change("report"))  # a submission: its rows only
    assert plans.freshness == (before[0], before[1] + 1)
    assert plans.notifications == notes


def test_only_queries_naming_a_notification_field_are_keyed_on_notifications() -> None:
    assert {
        "notificationChannels",
        "calendarFeed",
        "inbox",
        "notificationDeliveries",
        "deadLetters",
    } == ROOT_FIELDS
    assert names_any("{ notificationDeliveries { total } }", ROOT_FIELDS)
    assert names_any("query { ...F } fragment F on Query { deadLetters { total } }", ROOT_FIELDS)
    assert not names_any("{ plan { title } }", ROOT_FIELDS)
    assert names_any("{ not valid", ROOT_FIELDS)  # unparsed: assumed to read them
