"""Pure ASGI middleware guarding ``/graphql``: body size (413), JSON-only POSTs (415, CSRF) and
a read timeout on the body (408), so a client sending slowly cannot hold a connection forever.

Slow *headers* are the reverse proxy's to time out (deploy/nginx.conf): uvicorn cannot.
"""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tongnan.server.messages import BODY_TOO_LARGE, BODY_TOO_SLOW, NOT_JSON_POST

JSON_TYPES = ("application/json", "application/graphql-response+json")
log = logging.getLogger(__name__)


class _Disconnected(Exception):
    """The client went away while sending its body."""


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"errors": [{"message": message}]}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 408:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GraphQLRequestGuard:
    """Refuses POST bodies over ``max_body_bytes``, POSTs that are not JSON, and bodies not
    received within ``body_timeout`` seconds.

    JSON-only POSTs mean a plain HTML form on another site cannot make a browser send a
    mutation (CSRF): such forms can only send urlencoded, multipart or text bodies.
    """

    def __init__(
        self, app: ASGIApp, path: str, max_body_bytes: int, body_timeout: float = 30.0
    ) -> None:
        self.app = app
        self.path = path
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
        if content_type.lower() not in JSON_TYPES:
            await _refuse(send, 415, NOT_JSON_POST.format(got=content_type or "无"))
            return
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _refuse(send, 413, BODY_TOO_LARGE.format(limit=self.max_body_bytes))
            return
        try:
            async with asyncio.timeout(self.body_timeout):
                body = await self._read(receive)
        except _Disconnected:
            return
        except TimeoutError:
            log.info(
                "request body from %s not received within %ss",
                scope.get("client"),
                self.body_timeout,
            )
            await _refuse(send, 408, BODY_TOO_SLOW.format(seconds=f"{self.body_timeout:g}"))
            return
        if body is None:
            await _refuse(send, 413, BODY_TOO_LARGE.format(limit=self.max_body_bytes))
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None once it passes the size limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)
