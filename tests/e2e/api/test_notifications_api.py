"""The notifications API: a unit's channels (set with expectedVersion, never read back with
their secrets), the inbox and marking it read, the office's deliveries, dead letters and
resend, and the calendar feed made, fetched as iCalendar, and revoked."""

from __future__ import annotations

import random
from typing import Any

from tests.support.api import Api
from tongnan.domain.common.clock import SystemClock
from tongnan.domain.models import NotificationDelivery
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.server.notifications.channel import Destination, Outgoing, SendFailed
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.notifications.worker import DeliveryWorker

ROBOT = "https://oapi.dingtalk.com/robot/send?access_token=very-secret-token"
SIGNING = "SECsigning-secret-42"
SET = """mutation($input: SetNotificationChannelInput!) {
  setNotificationChannel(input: $input) {
    channel { id kind enabled address signed version }
    userErrors { field message code } } }"""
CHANNELS = """query($u: ID!) { notificationChannels(unitId: $u) { kind address signed version } }"""
OPEN = """mutation { openReportingRound(input: {name: "2099年1月调度", dueDate: "2099-01-25"}) {
  round { id } userErrors { message } } }"""
INBOX = """query { inbox { unreadCount totalCount items { id event title body link read } } }"""
READ = """mutation($ids: [ID!]!) { markNotificationsRead(input: {ids: $ids}) {
  notifications { id read } userErrors { field message code } } }"""
DELIVERIES = """query($s: DeliveryStatus) { notificationDeliveries(status: $s) { totalCount
  items { id status version idempotencyKey attemptCount lastError
          attempts { number ok error finishedAt } notification { title } } } }"""
DEAD = """query { deadLetters { totalCount items { id version status } } }"""
RESEND = """mutation($id: ID!, $v: Int!) { resendDelivery(input: {deliveryId: $id,
  expectedVersion: $v}) { delivery { status failures } userErrors { message code } } }"""
FEED = """mutation($u: ID!) { createCalendarFeed(input: {unitId: $u}) { path
  userErrors { message code } } }"""
REVOKE = """mutation($u: ID!) { revokeCalendarFeed(input: {unitId: $u}) { revoked
  userErrors { message code } } }"""


async def _unit(api: Api, name: str) -> str:
    data = await api.data("query($n: String!) { unit(name: $n) { id } }", {"n": name}, "office")
    return str(data["unit"]["id"])


async def _robot(api: Api, unit: str, token: str = "shuangjiang", version: int = 0) -> Any:
    variables = {
        "input": {
            "unitId": unit,
            "kind": "DINGTALK",
            "expectedVersion": version,
            "webhookUrl": ROBOT,
            "secret": SIGNING,
        }
    }
    response = await api.post(SET, variables, token)
    assert "very-secret-token" not in response.text and SIGNING not in response.text
    return response.json()["data"]["setNotificationChannel"]


async def test_a_unit_sets_its_robot_and_never_reads_its_secrets_back(api: Api) -> None:
    unit = await _unit(api, "双江镇")
    made = await _robot(api, unit)
    assert made["userErrors"] == []
    assert made["channel"] == {
        "id": made["channel"]["id"],
        "kind": "DINGTALK",
        "enabled": True,
        "address": "oapi.dingtalk.com",
        "signed": True,
        "version": 1,
    }
    stale = await _robot(api, unit, version=0)
    assert stale["userErrors"][0]["code"] == "CONFLICT"
    other = await _robot(api, await _unit(api, "花岩镇"))
    assert other["userErrors"][0]["code"] == "FORBIDDEN"
    assert "只能设置本单位" in other["userErrors"][0]["message"]
    response = await api.post(CHANNELS, {"u": unit}, "shuangjiang")
    assert "very-secret-token" not in response.text and SIGNING not in response.text
    assert response.json()["data"]["notificationChannels"][0]["signed"] is True
    refused = await api.post(CHANNELS, {"u": unit}, "hr")
    assert "无权查看" in refused.json()["errors"][0]["message"]


async def test_the_inbox_lists_the_units_notifications_and_marks_them_read(api: Api) -> None:
    assert (await api.data(OPEN, token="office"))["openReportingRound"]["userErrors"] == []
    inbox = (await api.data(INBOX, token="shuangjiang"))["inbox"]
    assert inbox["unreadCount"] == inbox["totalCount"] >= 1
    first = inbox["items"][0]
    assert (first["event"], first["read"]) == ("ROUND_OPENED", False)
    assert "2099年1月25日" in first["body"]
    marked = await api.data(READ, {"ids": [first["id"]]}, "shuangjiang")
    assert marked["markNotificationsRead"]["notifications"] == [{"id": first["id"], "read": True}]
    after = (await api.data(INBOX, token="shuangjiang"))["inbox"]
    assert after["unreadCount"] == inbox["unreadCount"] - 1
    theirs = await api.data(READ, {"ids": [first["id"]]}, "hr")  # another unit's entry
    assert theirs["markNotificationsRead"]["userErrors"][0]["code"] == "NOT_FOUND"
    assert (await api.data(INBOX, token="office"))["inbox"]["totalCount"] == 0  # no unit


class _Refusing:
    async def send(self, message: Outgoing, to: Destination) -> None:
        raise SendFailed("接收方拒收")


class _Taking:
    def __init__(self) -> None:
        self.keys: list[str] = []

    async def send(self, message: Outgoing, to: Destination) -> None:
        self.keys.append(message.key)


async def test_the_office_sees_attempts_and_resends_a_dead_letter(api: Api) -> None:
    await _robot(api, await _unit(api, "双江镇"))
    await api.data(OPEN, token="office")
    settings = NotifySettings(backoff_base_seconds=0.001, backoff_max_seconds=0.001, max_failures=2)
    refusing = DeliveryWorker(
        settings, SystemClock(), random.Random(1), {ChannelKind.DINGTALK: _Refusing()}
    )
    while await NotificationDelivery.filter(status=DeliveryStatus.PENDING).exists():
        await refusing.run_once()
    dead = (await api.data(DEAD, token="office"))["deadLetters"]
    assert dead["totalCount"] == 1
    listed = await api.data(DELIVERIES, {"s": "DEAD"}, "office")
    [item] = listed["notificationDeliveries"]["items"]
    assert item["attemptCount"] == 2 and item["lastError"] == "接收方拒收"
    assert [a["ok"] for a in item["attempts"]] == [False, False]
    assert item["idempotencyKey"].startswith("tn-")
    town = await api.post(DEAD, token="shuangjiang")
    assert "无权查看" in town.json()["errors"][0]["message"]
    denied = await api.data(RESEND, {"id": item["id"], "v": item["version"]}, "shuangjiang")
    assert denied["resendDelivery"]["userErrors"][0]["code"] == "FORBIDDEN"
    again = await api.data(RESEND, {"id": item["id"], "v": item["version"]}, "office")
    assert again["resendDelivery"]["delivery"] == {"status": "PENDING", "failures": 0}
    taking = _Taking()
    worker = DeliveryWorker(
        settings, SystemClock(), random.Random(1), {ChannelKind.DINGTALK: taking}
    )
    await worker.run_once()
    assert taking.keys == [item["idempotencyKey"]]  # the same key as every earlier attempt
    done = await api.data(DELIVERIES, {"s": "DELIVERED"}, "office")
    assert done["notificationDeliveries"]["totalCount"] == 1


async def test_a_calendar_feed_lists_due_dates_until_it_is_revoked(api: Api) -> None:
    await api.data(OPEN, token="office")
    unit = await _unit(api, "双江镇")
    made = (await api.data(FEED, {"u": unit}, "shuangjiang"))["createCalendarFeed"]
    assert made["userErrors"] == [] and made["path"].startswith("/calendar/")
    response = await api.client.get(made["path"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20990125" in text
    assert "报送进展" in text.replace("\r\n ", "")
    other = await api.data(FEED, {"u": await _unit(api, "花岩镇")}, "shuangjiang")
    assert other["createCalendarFeed"]["userErrors"][0]["code"] == "FORBIDDEN"
    revoked = await api.data(REVOKE, {"u": unit}, "shuangjiang")
    assert revoked["revokeCalendarFeed"]["revoked"] == 1
    gone = await api.client.get(made["path"])
    assert gone.status_code == 404 and "吊销" in gone.text
    assert (await api.client.get("/calendar/not-a-feed-secret-at-all.ics")).status_code == 404
