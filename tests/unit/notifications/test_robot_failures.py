"""A robot that cannot be reached fails the delivery with a reason in the office's words (消息投递
shows it beside each attempt), never an exception's class name."""

from __future__ import annotations

import re

import httpx
import pytest

from tongnan.server.notifications.channel import SendFailed
from tongnan.server.notifications.dingtalk import post_robot


def failing(exc: Exception) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (httpx.ConnectError("refused"), "连不上接收地址"),
        (httpx.ReadTimeout("slow"), "超时"),
        (httpx.RemoteProtocolError("bad"), "网络出错"),
    ],
)
async def test_a_network_failure_is_named_in_chinese(exc: Exception, words: str) -> None:
    async with failing(exc) as client:
        with pytest.raises(SendFailed) as failed:
            await post_robot(client, "http://robot.example/send", {}, "key-1")
    reason = str(failed.value)
    assert words in reason and not re.search("[A-Za-z]", reason), reason  # no class name


async def test_an_answer_that_is_not_json_is_named() -> None:
    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda _: httpx.Response(200)))
    async with client:
        with pytest.raises(SendFailed) as failed:
            await post_robot(client, "http://robot.example/send", {}, "key-1")
    assert "不是JSON" in str(failed.value)
