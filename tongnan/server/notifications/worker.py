"""The delivery worker: claims due deliveries from the outbox, sends each over its channel and
records the outcome. It runs inside ``tongnan serve`` (unless TONGNAN_NOTIFY_WORKER=0) and in
``tongnan worker``; any number may run against PostgreSQL (claims skip locked rows), and on
SQLite each claim is one writer's transaction.

Delivery is at least once: a send the receiver acknowledged is recorded as delivered right
after; a worker stopped in between leaves the delivery leased, and when the lease ends it is
sent again with the same idempotency key, which the receiver uses to drop the repeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import AsyncIterator, Mapping

import httpx

from tongnan.domain.common.clock import Clock
from tongnan.domain.models import NotificationChannel
from tongnan.domain.models.notifications import ChannelKind
from tongnan.domain.notifications.delivery import Claimed, Failure, claim, record_outcomes
from tongnan.domain.notifications.sealing import secret_box
from tongnan.server.notifications.channel import Channel, Destination, Outgoing, SendFailed
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.notifications.dingtalk import DingTalk
from tongnan.server.notifications.smtp import Smtp
from tongnan.server.notifications.wecom import WeCom

log = logging.getLogger("tongnan.notify")
# how long an outcome may wait to be recorded with others: one transaction (and one change
# announced) per flush, not per message
FLUSH_SECONDS = 0.2


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class DeliveryWorker:
    """One worker: ``run_once`` claims a batch and sends it; ``run`` repeats while work waits."""

    def __init__(
        self,
        settings: NotifySettings,
        clock: Clock,
        rng: random.Random,
        channels: Mapping[ChannelKind, Channel],
        name: str | None = None,
    ) -> None:
        self.settings = settings
        self.policy = settings.retry_policy()
        self.clock = clock
        self.rng = rng
        self.channels = channels
        self.name = name or worker_name()
        self._gate = asyncio.Semaphore(settings.concurrency)

    async def _destinations(self, batch: list[Claimed]) -> dict[int, Destination | str]:
        """Each channel of the batch opened once: where it sends, or why it cannot."""
        ids = {c.channel_id for c in batch if c.channel_id is not None}
        found: dict[int, Destination | str] = {}
        for row in await NotificationChannel.filter(id__in=ids):
            try:
                opened = secret_box().open(row.sealed) if row.sealed else {}
                found[row.id] = Destination(row.address, opened)
            except ValueError:
                found[row.id] = "渠道密钥无法解开(服务器密钥已更换),请重新设置该渠道"
        return found

    async def _send_one(
        self,
        claimed: Claimed,
        to: Destination | str | None,
        acked: list[Claimed],
        failed: list[Failure],
    ) -> bool:
        async with self._gate:
            try:
                if to is None:
                    raise SendFailed("该单位已删除这个推送渠道")
                if isinstance(to, str):
                    raise SendFailed(to)
                channel = self.channels.get(claimed.channel)
                if channel is None:
                    raise SendFailed(f"不支持的渠道 {claimed.channel}")
                message = Outgoing(
                    claimed.key,
                    claimed.title,
                    claimed.body,
                    claimed.link,
                    self.settings.public_url,
                )
                await asyncio.wait_for(
                    channel.send(message, to), self.settings.send_timeout_seconds
                )
            except (SendFailed, TimeoutError) as exc:
                failed.append(Failure(claimed, str(exc) or "发送超时"))
                return False
            except Exception as exc:  # a channel's own bug: recorded, retried, never lost
                log.exception("delivery %s failed", claimed.delivery_id)
                failed.append(Failure(claimed, f"内部错误:{type(exc).__name__}"))
                return False
            acked.append(claimed)  # recorded by the next flush, within FLUSH_SECONDS
            return True

    async def _flush(self, acked: list[Claimed], failed: list[Failure]) -> None:
        """Record what the sends so far came to, together (one transaction)."""
        taken, lost = acked[:], failed[:]
        del acked[: len(taken)]
        del failed[: len(lost)]
        await record_outcomes(taken, lost, self.name, self.clock.now(), self.policy, self.rng)

    async def run_once(self) -> int:
        """Claim one batch and send it; returns how many were claimed. Outcomes are recorded
        together every FLUSH_SECONDS while the batch is out, and at its end."""
        batch = await claim(self.name, self.clock.now(), self.settings.batch, self.policy)
        if not batch:
            return 0
        where = await self._destinations(batch)
        acked: list[Claimed] = []
        failed: list[Failure] = []
        finished = asyncio.Event()

        async def flusher() -> None:
            while not finished.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(finished.wait(), FLUSH_SECONDS)
                await self._flush(acked, failed)

        flushing = asyncio.create_task(flusher())
        try:
            await asyncio.gather(
                *(
                    self._send_one(
                        c,
                        where.get(c.channel_id) if c.channel_id is not None else None,
                        acked,
                        failed,
                    )
                    for c in batch
                )
            )
        finally:
            finished.set()
            await flushing
        await self._flush(acked, failed)
        return len(batch)

    async def run(self) -> None:
        while True:
            try:
                if await self.run_once():
                    continue
            except Exception:
                log.exception("delivery round failed; retrying")
            await asyncio.sleep(self.settings.poll_seconds)


def default_channels(
    settings: NotifySettings, client: httpx.AsyncClient, clock: Clock
) -> dict[ChannelKind, Channel]:
    return {
        ChannelKind.DINGTALK: DingTalk(client, lambda: int(clock.now().timestamp() * 1000)),
        ChannelKind.WECOM: WeCom(client),
        ChannelKind.EMAIL: Smtp(settings),
    }


@contextlib.asynccontextmanager
async def run_delivery(
    settings: NotifySettings, clock: Clock, rng: random.Random | None = None
) -> AsyncIterator[DeliveryWorker]:
    """Deliver in the background for the block's duration (the models must be bound)."""
    # one kept-alive connection per send in flight: no new TCP connection per message
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    async with httpx.AsyncClient(
        timeout=settings.send_timeout_seconds, trust_env=False, limits=limits
    ) as client:
        worker = DeliveryWorker(
            settings, clock, rng or random.Random(), default_channels(settings, client, clock)
        )
        task = asyncio.create_task(worker.run())
        try:
            yield worker
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
