"""Delivery to real local receivers: a DingTalk robot that checks the signature, a WeCom robot,
and an SMTP server that requires STARTTLS; and a robot failing three times, then taking the
message: exactly one message arrives."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.files import TEST_AUDIT_KEY
from tests.support.receivers import RobotReceiver, SmtpReceiver
from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.audit_key import parse_key
from tongnan.domain.common.clock import LOCAL_TZ, SystemClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.models import DeliveryAttempt, NotificationDelivery, Unit
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.domain.models.reporting import RoundKind
from tongnan.domain.notifications.channels import ChannelRequest, set_channel
from tongnan.domain.notifications.sealing import install_key
from tongnan.domain.reporting.rounds import open_round
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.notifications.worker import run_delivery

NOW = dt.datetime.now(dt.UTC)
SECRET = "SECe2e-signing-secret"


@pytest.fixture
def robot() -> Iterator[RobotReceiver]:
    receiver = RobotReceiver(secret=SECRET).start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver(tmp_path).start()
    yield receiver
    receiver.stop()


@pytest.fixture
async def seeded(db: DatabaseUrl) -> None:
    install_key(parse_key(TEST_AUDIT_KEY))
    await import_seed()


async def _channel(unit: str, kind: ChannelKind, **fields: str) -> None:
    unit_id = (await Unit.get(name=unit)).id
    await set_channel(OFFICE, ChannelRequest(unit_id, kind, True, 0, **fields), NOW)


async def _open_round() -> None:
    due = (NOW.astimezone(LOCAL_TZ) + dt.timedelta(days=20)).date()
    await open_round(OFFICE, "测试调度", RoundKind.MONTHLY, due, GraphDutyResolver(), NOW, [7])


def _settings(smtp: SmtpReceiver | None = None) -> NotifySettings:
    return NotifySettings(
        poll_seconds=0.02,
        backoff_base_seconds=0.02,
        backoff_max_seconds=0.05,
        send_timeout_seconds=5,
        public_url="https://tongnan.example",
        smtp_host="127.0.0.1" if smtp else "",
        smtp_port=smtp.port if smtp else 25,
        smtp_starttls=True,
        smtp_ca_file=str(smtp.ca_file) if smtp else "",
    )


async def _until_delivered(seconds: float = 20) -> None:
    async def done() -> bool:
        return not await NotificationDelivery.exclude(status=DeliveryStatus.DELIVERED).exists()

    deadline = asyncio.get_running_loop().time() + seconds
    while not await done():
        assert asyncio.get_running_loop().time() < deadline, "not delivered in time"
        await asyncio.sleep(0.05)


async def test_each_channel_delivers_to_a_real_receiver(
    seeded: None, robot: RobotReceiver, smtp: SmtpReceiver
) -> None:
    wecom = RobotReceiver().start()
    try:
        await _channel("双江镇", ChannelKind.DINGTALK, webhook_url=robot.url, secret=SECRET)
        await _channel("花岩镇", ChannelKind.WECOM, webhook_url=wecom.url)
        await _channel("龙形镇", ChannelKind.EMAIL, email="longxing@example.gov.cn")
        await _open_round()
        async with run_delivery(_settings(smtp), SystemClock()):
            await _until_delivered()
    finally:
        wecom.stop()
    keys = {d.kind: d.idempotency_key for d in await NotificationDelivery.all()}
    assert robot.rejected == [] and list(robot.accepted) == [keys[ChannelKind.DINGTALK]]
    ding = robot.accepted[keys[ChannelKind.DINGTALK]]
    assert ding["msgtype"] == "markdown" and ding["markdown"]["title"] == "测试调度已开始"
    assert "https://tongnan.example/#/rounds/" in ding["markdown"]["text"]
    assert list(wecom.accepted) == [keys[ChannelKind.WECOM]]
    assert keys[ChannelKind.WECOM] in wecom.accepted[keys[ChannelKind.WECOM]]["markdown"]["content"]
    [mail] = smtp.messages
    assert smtp.mailbox.tls == [True]  # sent after STARTTLS
    assert mail["Subject"] == "测试调度已开始"
    assert mail["To"] == "longxing@example.gov.cn"
    assert mail["X-Tongnan-Idempotency-Key"] == keys[ChannelKind.EMAIL]
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None and html is not None
    assert "截止日期" in text.get_content() and "<a href=" in html.get_content()


async def test_a_robot_failing_three_times_then_taking_it_gets_exactly_one_message(
    seeded: None,
) -> None:
    robot = RobotReceiver(secret=SECRET, fail_first=3).start()
    try:
        await _channel("双江镇", ChannelKind.DINGTALK, webhook_url=robot.url, secret=SECRET)
        await _open_round()
        async with run_delivery(_settings(), SystemClock()):
            await _until_delivered()
            await asyncio.sleep(0.2)  # nothing more arrives afterwards
    finally:
        robot.stop()
    [delivery] = await NotificationDelivery.all()
    assert robot.received == [delivery.idempotency_key]  # one message, once
    assert (delivery.attempts, delivery.failures) == (4, 3)
    attempts = await DeliveryAttempt.filter(delivery_id=delivery.id).order_by("number")
    assert [a.ok for a in attempts] == [False, False, False, True]
    assert "HTTP 500" in (attempts[0].error or "")


async def test_a_robot_with_the_wrong_secret_refuses_and_the_failure_is_recorded(
    seeded: None, robot: RobotReceiver
) -> None:
    await _channel("双江镇", ChannelKind.DINGTALK, webhook_url=robot.url, secret="SECwrong")
    await _open_round()
    async with run_delivery(_settings(), SystemClock()):
        deadline = asyncio.get_running_loop().time() + 10
        while not await DeliveryAttempt.filter(ok=False).exists():
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)
    assert robot.accepted == {} and "bad signature" in robot.rejected
    attempt = await DeliveryAttempt.filter(ok=False).first()
    assert attempt is not None and "bad signature" in (attempt.error or "")
