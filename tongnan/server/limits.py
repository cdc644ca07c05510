"""Pure ASGI middleware guarding ``/graphql``: body size (413) and JSON-only POSTs (415, CSRF)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_TYPES = ("application/json", "application/graphql-response+json")


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"errors": [{"message": message}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class GraphQLRequestGuard:
    """Refuses POST bodies over ``max_body_bytes`` and POSTs that are not JSON.

    JSON-only POSTs mean a plain HTML form on another site cannot make a browser send a
    mutation (CSRF): such forms can only send urlencoded, multipart or text bodies.
    """

    def __init__(self, app: ASGIApp, path: str, max_body_bytes: int) -> None:
        self.app = app
        self.path = path
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
        if content_type.lower() not in JSON_TYPES:
            await _refuse(
                send,
                415,
                f"POST /graphql needs Content-Type: application/json, got {content_type or 'none'}",
            )
            return
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _refuse(
                send,
                413,
                f"request body of {int(declared)} bytes exceeds the limit of "
                f"{self.max_body_bytes} bytes",
            )
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await _refuse(
                    send, 413, f"request body exceeds the limit of {self.max_body_bytes} bytes"
                )
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
