"""Each unit's channels: set one (with the version last read; 0 for a new one) and list them.
The webhook URL and the signing secret are sealed at rest and never read back: a listing says
only where messages go (the host, the e-mail address) and whether a secret is set."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.permissions import require, require_read
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.common.versions import check_version
from tongnan.domain.models import NotificationChannel, Unit
from tongnan.domain.models.notifications import ChannelKind
from tongnan.domain.notifications.sealing import secret_box

_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
KIND_NAMES = {
    ChannelKind.DINGTALK: "钉钉群机器人",
    ChannelKind.WECOM: "企业微信群机器人",
    ChannelKind.EMAIL: "电子邮件",
}


@dataclass(frozen=True, slots=True)
class ChannelRequest:
    unit_id: int
    kind: ChannelKind
    enabled: bool
    expected_version: int  # 0: the unit has no channel of this kind yet
    webhook_url: str | None = None  # robots: required when new; omitted keeps the stored one
    secret: str | None = None  # DingTalk's signing secret (SEC…); "" removes it
    email: str | None = None  # EMAIL: the recipient


@dataclass(frozen=True, slots=True)
class ChannelView:
    id: int
    unit_id: int
    kind: ChannelKind
    enabled: bool
    address: str
    signed: bool
    version: int
    updated_at: dt.datetime


def _view(row: NotificationChannel, signed: bool) -> ChannelView:
    return ChannelView(
        row.id, row.unit_id, row.kind, row.enabled, row.address, signed, row.version, row.updated_at
    )


def _webhook(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Invalid("机器人地址应是 http:// 或 https:// 开头的完整网址", ("webhookUrl",))
    if len(url) > 1000:
        raise Invalid("机器人地址太长(最多1000个字符)", ("webhookUrl",))
    return url


def _secrets_of(row: NotificationChannel | None) -> dict[str, str]:
    if row is None or row.sealed is None:
        return {}
    try:
        return secret_box().open(row.sealed)
    except ValueError:
        return {}  # sealed under a key no longer installed: it must be entered again


def _settled(request: ChannelRequest, row: NotificationChannel | None) -> tuple[str, str | None]:
    """(the address shown, the sealed secrets) the request leaves the channel with."""
    if request.kind is ChannelKind.EMAIL:
        email = (request.email or (row.address if row else "")).strip()
        if not _EMAIL.fullmatch(email) or len(email) > 255:
            raise Invalid("请填写正确的电子邮件地址,例如 office@example.gov.cn", ("email",))
        return email, None
    stored = _secrets_of(row)
    if request.webhook_url is not None:
        stored["url"] = _webhook(request.webhook_url)
    elif "url" not in stored:
        raise Invalid(f"请填写{KIND_NAMES[request.kind]}的网址(webhook)", ("webhookUrl",))
    if request.secret is not None:
        secret = request.secret.strip()
        if request.kind is not ChannelKind.DINGTALK and secret:
            raise Invalid("只有钉钉机器人使用加签密钥", ("secret",))
        if len(secret) > 200:
            raise Invalid("加签密钥太长(最多200个字符)", ("secret",))
        if secret:
            stored["secret"] = secret
        else:
            stored.pop("secret", None)
    host = urlsplit(stored["url"]).hostname or ""
    return host, secret_box().seal(stored)


async def set_channel(actor: Actor, request: ChannelRequest, now: dt.datetime) -> ChannelView:
    """Create or change one of a unit's channels."""
    require(actor, "notify.set_channel", request.unit_id)
    async with UnitOfWork() as uow:
        unit = await Unit.get_or_none(id=request.unit_id).only("id", "name")
        if unit is None:
            raise NotFound("没有这个单位", ("unitId",))
        row = await NotificationChannel.get_or_none(unit_id=unit.id, kind=request.kind)
        if row is None and request.expected_version != 0:
            raise Conflict(
                f"{unit.name}还没有{KIND_NAMES[request.kind]}渠道,新建时 expectedVersion 应为0",
                ("expectedVersion",),
            )
        if row is not None:
            await check_version(
                "NotificationChannel", row.id, row.version, request.expected_version, now
            )
        address, sealed = _settled(request, row)
        before = None if row is None else {"enabled": row.enabled, "address": row.address}
        if row is None:
            row = await NotificationChannel.create(
                unit_id=unit.id,
                kind=request.kind,
                enabled=request.enabled,
                address=address,
                sealed=sealed,
                updated_by=actor.name,
                created_at=now,
                updated_at=now,
            )
        else:
            updated = await NotificationChannel.filter(id=row.id, version=row.version).update(
                enabled=request.enabled,
                address=address,
                sealed=sealed,
                version=row.version + 1,
                updated_by=actor.name,
                updated_at=now,
            )
            if updated != 1:
                raise Conflict("该渠道已被他人修改,请刷新后再改", ("expectedVersion",))
            row = await NotificationChannel.get(id=row.id)
        signed = "secret" in _secrets_of(row)
        await audit.record(
            actor,
            "notify.channel_set",
            "NotificationChannel",
            row.id,
            before,
            {
                "unit": unit.name,
                "kind": request.kind,
                "enabled": row.enabled,
                "address": row.address,
                "signed": signed,
                "version": row.version,
            },
            now=now,
        )
        uow.changed("notification_channel")
        return _view(row, signed)


async def list_channels(actor: Actor, unit_id: int) -> list[ChannelView]:
    require_read(actor, "notify.channels", unit_id)
    rows = await NotificationChannel.filter(unit_id=unit_id).order_by("kind")
    return [_view(row, "secret" in _secrets_of(row)) for row in rows]
