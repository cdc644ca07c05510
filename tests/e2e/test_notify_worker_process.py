"""A real ``tongnan worker``, or a ``tongnan serve`` delivering in its own process, killed in the
middle of delivering, then started again: what the receiver had acknowledged and the worker had
recorded is never sent again; what was not is sent again with its key, and the receiver never
accepts one key twice. Nothing is lost."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from tests.support.cli import environment
from tests.support.files import TEST_AUDIT_KEY
from tests.support.receivers import RobotReceiver
from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.audit_key import parse_key
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import DeliveryAttempt, NotificationDelivery, Unit
from tongnan.domain.models.notifications import ChannelKind, DeliveryStatus
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.channels import ChannelRequest, set_channel
from tongnan.domain.notifications.outbox import enqueue
from tongnan.domain.notifications.sealing import install_key

SECRET = "SECkill-test"
MESSAGES = 40
STALL_AFTER = 10  # the receiver then takes messages but holds its answers


@contextmanager
def worker(url: DatabaseUrl, command: list[str]) -> Iterator[subprocess.Popen[str]]:
    env = {
        **environment(url),
        "TONGNAN_NOTIFY_POLL_SECONDS": "0.05",
        "TONGNAN_NOTIFY_BATCH": "4",
        "TONGNAN_NOTIFY_CONCURRENCY": "4",
        # held answers must not time out before the kill: a lease past the send timeout
        "TONGNAN_NOTIFY_LEASE_SECONDS": "10",
        "TONGNAN_NOTIFY_SEND_TIMEOUT_SECONDS": "8",
        "TONGNAN_NOTIFY_BACKOFF_BASE_SECONDS": "0.05",
    }
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tongnan.server.cli", *command],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


async def _wait(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("command", [["worker"], ["serve", "--port", "0"]], ids=["worker", "serve"])
async def test_a_killed_worker_resends_only_what_was_not_acknowledged(
    db_url: DatabaseUrl, command: list[str]
) -> None:
    receiver = RobotReceiver(secret=SECRET, stall_after=STALL_AFTER).start()
    try:
        async with open_database(db_url):
            install_key(parse_key(TEST_AUDIT_KEY))
            await import_seed()
            units = [u.id for u in await Unit.all().order_by("id").limit(MESSAGES)]
            now = dt.datetime.now(dt.UTC)
            for unit_id in units:
                request = ChannelRequest(
                    unit_id, ChannelKind.DINGTALK, True, 0, webhook_url=receiver.url, secret=SECRET
                )
                await set_channel(OFFICE, request, now)
            message = templates.round_opened("测试调度", dt.date(2099, 1, 25), 1, "/#/rounds/1")
            async with UnitOfWork():
                await enqueue(units, "kill:1", message, now)
            keys = {
                str(k) for (k,) in await NotificationDelivery.all().values_list("idempotency_key")
            }
            assert len(keys) == len(units) == MESSAGES

            with worker(db_url, command) as first:
                await _wait(
                    lambda: len(receiver.received) >= STALL_AFTER + 2, 60, "the worker never sent"
                )
                deadline = time.monotonic() + 30  # what was answered is recorded within 0.2 s
                while (
                    await NotificationDelivery.filter(status=DeliveryStatus.DELIVERED).count()
                    < STALL_AFTER
                ):
                    assert time.monotonic() < deadline, "the answered were not recorded"
                    await asyncio.sleep(0.05)
                os.kill(first.pid, signal.SIGKILL)  # while it waits for the held answers
                first.wait(timeout=10)
            taken_unanswered = set(receiver.received) - set(receiver.received[:STALL_AFTER])
            receiver.release()
            recorded = {
                str(k)
                for (k,) in await NotificationDelivery.filter(
                    status=DeliveryStatus.DELIVERED
                ).values_list("idempotency_key")
            }
            before_restart = receiver.counts()
            assert recorded == set(receiver.received[:STALL_AFTER])  # answered, then recorded
            cut_short = await DeliveryAttempt.filter(finished_at__isnull=True).count()
            assert cut_short >= len(taken_unanswered) > 0  # the kill came mid-delivery

            with worker(db_url, command):
                deadline = time.monotonic() + 90
                while await NotificationDelivery.exclude(status=DeliveryStatus.DELIVERED).exists():
                    assert time.monotonic() < deadline, "not all delivered after the restart"
                    await asyncio.sleep(0.1)
    finally:
        receiver.stop()

    counts = receiver.counts()
    assert set(receiver.accepted) == keys  # nothing lost
    assert receiver.rejected == []  # every request signed correctly
    for key in recorded:  # acknowledged and recorded before the kill: never sent again
        assert counts[key] == 1, key
    resent = {key for key, n in counts.items() if n > 1}
    assert resent == taken_unanswered  # taken but never answered: sent again, dropped there
    assert all(before_restart[key] <= 1 for key in keys)
    assert all(counts[key] == 2 for key in resent)
