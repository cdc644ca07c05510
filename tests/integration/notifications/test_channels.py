"""A unit's channels: set with the version last read, listed without secrets, the secrets sealed
at rest; only the unit itself or the office sets them."""

from __future__ import annotations

import pytest

from tests.integration.notifications.seed import (
    NOW,
    ROBOT_URL,
    SIGNING,
    dingtalk_for,
    install_test_key,
    unit_id,
)
from tests.support.seed import OFFICE, import_seed, reporter
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Invalid
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.models import AuditEvent, NotificationChannel
from tongnan.domain.models.notifications import ChannelKind
from tongnan.domain.notifications.channels import ChannelRequest, list_channels, set_channel
from tongnan.domain.notifications.sealing import secret_box


@pytest.fixture(autouse=True)
def _key() -> None:
    install_test_key()


async def test_a_robot_is_listed_by_its_host_and_its_secrets_are_sealed(db: DatabaseUrl) -> None:
    await import_seed()
    view = await dingtalk_for("双江镇")
    assert (view.address, view.signed, view.version) == ("oapi.dingtalk.com", True, 1)
    row = await NotificationChannel.get(id=view.id)
    assert row.sealed is not None
    assert "secret-token-123" not in row.sealed and SIGNING not in row.sealed
    assert secret_box().open(row.sealed) == {"url": ROBOT_URL, "secret": SIGNING}
    trail = await AuditEvent.filter(object_type="NotificationChannel").first()
    assert trail is not None
    assert "secret-token-123" not in str(trail.after) and SIGNING not in str(trail.after)
    town = await reporter("双江镇")
    [listed] = await list_channels(town, await unit_id("双江镇"))
    assert listed == view


async def test_an_edit_keeps_the_url_takes_the_version_and_can_drop_the_secret(
    db: DatabaseUrl,
) -> None:
    await import_seed()
    town = await reporter("双江镇")
    first = await dingtalk_for("双江镇")
    change = ChannelRequest(first.unit_id, ChannelKind.DINGTALK, False, 1, secret="")
    edited = await set_channel(town, change, NOW)
    assert (edited.enabled, edited.signed, edited.version) == (False, False, 2)
    row = await NotificationChannel.get(id=first.id)
    assert secret_box().open(row.sealed or "") == {"url": ROBOT_URL}
    with pytest.raises(Conflict) as stale:
        await set_channel(town, change, NOW)
    assert stale.value.field == ("expectedVersion",)
    with pytest.raises(Conflict, match="新建时"):
        await set_channel(
            town, ChannelRequest(first.unit_id, ChannelKind.EMAIL, True, 3, email="a@b.cn"), NOW
        )


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        (ChannelKind.DINGTALK, {}, "webhookUrl"),
        (ChannelKind.DINGTALK, {"webhook_url": "ftp://x/robot"}, "webhookUrl"),
        (
            ChannelKind.WECOM,
            {"webhook_url": "https://qyapi.weixin.qq.com/x", "secret": "s"},
            "secret",
        ),
        (ChannelKind.EMAIL, {"email": "不是邮箱"}, "email"),
    ],
)
async def test_bad_channel_settings_are_refused_in_chinese(
    db: DatabaseUrl, kind: ChannelKind, fields: dict[str, str], field: str
) -> None:
    await import_seed()
    request = ChannelRequest(await unit_id("双江镇"), kind, True, 0, **fields)
    with pytest.raises(Invalid) as refused:
        await set_channel(OFFICE, request, NOW)
    assert refused.value.field == (field,)
    assert any("\u4e00" <= c <= "\u9fff" for c in refused.value.message)


async def test_a_unit_sets_and_reads_only_its_own_channels(db: DatabaseUrl) -> None:
    await import_seed()
    other = await unit_id("花岩镇")
    town = await reporter("双江镇")
    request = ChannelRequest(other, ChannelKind.EMAIL, True, 0, email="huayan@example.gov.cn")
    with pytest.raises(PermissionDenied, match="只能设置本单位"):
        await set_channel(town, request, NOW)
    with pytest.raises(PermissionDenied):
        await list_channels(town, other)
    assert (await set_channel(OFFICE, request, NOW)).address == "huayan@example.gov.cn"
