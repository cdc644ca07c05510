"""Helpers of the notification tests: the sealing key installed, a unit's channels set, and
channels that fail on purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tests.integration.reporting.seed import DUE, JUNE_1
from tests.support.files import TEST_AUDIT_KEY
from tests.support.seed import OFFICE
from tongnan.domain.common.audit_key import parse_key
from tongnan.domain.models import Notification, NotificationDelivery, ReportingRound, Unit
from tongnan.domain.models.notifications import ChannelKind
from tongnan.domain.models.reporting import RoundKind
from tongnan.domain.notifications.channels import ChannelRequest, ChannelView, set_channel
from tongnan.domain.notifications.sealing import install_key
from tongnan.domain.reporting.rounds import open_round
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver
from tongnan.server.notifications.channel import Destination, Outgoing, SendFailed

ROBOT_URL = "https://oapi.dingtalk.com/robot/send?access_token=secret-token-123"
SIGNING = "SECabcdef0123456789"
NOW = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)


def install_test_key() -> None:
    install_key(parse_key(TEST_AUDIT_KEY))


async def unit_id(name: str) -> int:
    return (await Unit.get(name=name).only("id")).id


async def dingtalk_for(
    name: str, url: str = ROBOT_URL, secret: str | None = SIGNING, version: int = 0
) -> ChannelView:
    request = ChannelRequest(
        await unit_id(name), ChannelKind.DINGTALK, True, version, webhook_url=url, secret=secret
    )
    return await set_channel(OFFICE, request, NOW)


async def notes_of(name: str) -> list[Notification]:
    return await Notification.filter(unit_id=await unit_id(name)).order_by("id")


async def deliveries_of(name: str) -> list[NotificationDelivery]:
    return await NotificationDelivery.filter(notification__unit_id=await unit_id(name)).order_by(
        "id"
    )


@dataclass
class FlakyChannel:
    """Fails the first ``fail_first`` sends, then accepts; remembers every key it accepted."""

    fail_first: int = 0
    sent: list[str] = field(default_factory=list)
    calls: int = 0

    async def send(self, message: Outgoing, to: Destination) -> None:
        self.calls += 1
        if self.calls <= self.fail_first:
            raise SendFailed(f"第{self.calls}次:接收方暂时不可用")
        self.sent.append(message.key)


async def open_june(*task_numbers: int) -> ReportingRound:
    """2025年6月调度 (due 25 June) on the already imported plan (default: task 7)."""
    opened = await open_round(
        OFFICE,
        "2025年6月调度",
        RoundKind.MONTHLY,
        DUE,
        GraphDutyResolver(),
        JUNE_1,
        task_numbers=list(task_numbers or (7,)),
    )
    return opened.round
