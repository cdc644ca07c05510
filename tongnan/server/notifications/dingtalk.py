"""DingTalk group robots (钉钉群机器人): a JSON markdown message; a signed robot's URL carries
``timestamp`` (ms) and ``sign`` = base64(HMAC-SHA256(secret, "timestamp\\nsecret"))."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from urllib.parse import quote_plus

import httpx

from tongnan.domain.notifications.templates import as_markdown
from tongnan.server.notifications.channel import (
    IDEMPOTENCY_HEADER,
    Destination,
    Outgoing,
    SendFailed,
)


def sign(secret: str, timestamp_ms: int) -> str:
    """The ``sign`` parameter DingTalk checks (already URL-encoded)."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


def signed_url(url: str, secret: str | None, timestamp_ms: int) -> str:
    if not secret:
        return url
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign(secret, timestamp_ms)}"


def payload(message: Outgoing) -> dict[str, object]:
    text = as_markdown(message.title, message.body, message.link, message.base_url, message.key)
    return {"msgtype": "markdown", "markdown": {"title": message.title, "text": text}}


def network_failure(exc: httpx.HTTPError) -> str:
    """What went wrong on the way to a robot, in the office's words (消息投递 shows it)."""
    if isinstance(exc, httpx.TimeoutException):
        return "连接失败：接收方在限定时间内没有应答（超时）"
    if isinstance(exc, httpx.ConnectError):
        return "连接失败：连不上接收地址，请检查地址是否正确、本服务器能否访问它"
    return "连接失败：与接收方通信时网络出错"


async def post_robot(
    client: httpx.AsyncClient, url: str, body: dict[str, object], key: str
) -> None:
    """POST to a robot; success is HTTP 200 with ``errcode`` 0 (both robots answer so)."""
    try:
        response = await client.post(url, json=body, headers={IDEMPOTENCY_HEADER: key})
    except httpx.HTTPError as exc:
        raise SendFailed(network_failure(exc)) from None
    if response.status_code != 200:
        raise SendFailed(f"机器人应答 HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        raise SendFailed("接收方的应答不是机器人接口的格式（不是JSON），请检查地址") from None
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        said = answer.get("errmsg") if isinstance(answer, dict) else answer
        raise SendFailed(f"机器人拒收:{said}"[:300])


class DingTalk:
    def __init__(self, client: httpx.AsyncClient, now_ms: Callable[[], int]) -> None:
        self._client = client
        self._now_ms = now_ms

    async def send(self, message: Outgoing, to: Destination) -> None:
        url = signed_url(to.secrets["url"], to.secrets.get("secret"), self._now_ms())
        await post_robot(self._client, url, payload(message), message.key)
