"""WeCom group robots (企业微信群机器人): a JSON markdown message to the robot's URL (its key is
in the URL; there is no signature)."""

from __future__ import annotations

import httpx

from tongnan.domain.notifications.templates import as_markdown
from tongnan.server.notifications.channel import Destination, Outgoing
from tongnan.server.notifications.dingtalk import post_robot


def payload(message: Outgoing) -> dict[str, object]:
    text = as_markdown(message.title, message.body, message.link, message.base_url, message.key)
    return {"msgtype": "markdown", "markdown": {"content": text}}


class WeCom:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, message: Outgoing, to: Destination) -> None:
        await post_robot(self._client, to.secrets["url"], payload(message), message.key)
