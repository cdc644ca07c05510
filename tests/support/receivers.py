"""Real local receivers for notification tests and the bench: an HTTP group robot (DingTalk or
WeCom format) that checks DingTalk signatures and drops a repeated idempotency key, and an SMTP
server (aiosmtpd) with STARTTLS that records what it is sent. Both run on threads of their own,
so a worker in this process or in another one can send to them."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import ipaddress
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import uvicorn
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

KEY_HEADER = "x-tongnan-idempotency-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def expected_sign(secret: str, timestamp: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


@dataclass
class RobotReceiver:
    """A group robot at ``url``: ``fail_first`` requests answer 500, each request waits
    ``delay`` seconds; a DingTalk request must carry a good signature (``secret``) made within
    ``max_skew_ms`` of now (None: any time, for tests on a made-up clock). After
    ``stall_after`` accepted messages it takes each further one but holds its answer until
    ``release()`` (a sender that dies meanwhile never hears it was taken)."""

    secret: str | None = None
    fail_first: int = 0
    delay: float = 0.0
    max_skew_ms: int | None = 3_600_000
    stall_after: int | None = None
    received: list[str] = field(default_factory=list)  # every key, in arrival order
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)  # first body per key
    rejected: list[str] = field(default_factory=list)  # why requests were refused
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._requests = 0
        app = Starlette(
            routes=[
                Route("/robot/send", self._handle, methods=["POST"]),
                Route("/robot/stats", self._stats, methods=["GET"]),
            ]
        )
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/robot/send?access_token=test-token"

    def start(self) -> RobotReceiver:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the receiver did not start")
            time.sleep(0.01)
        return self

    def serve(self) -> None:
        """Run in this thread until the process ends (a receiver process of its own)."""
        self._server.run()

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def release(self) -> None:
        self._released.set()

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self.received)

    def _check_signature(self, request: Request) -> str | None:
        if self.secret is None:
            return None
        stamp = request.query_params.get("timestamp", "")
        sign = request.query_params.get("sign", "")
        if not stamp.isdigit():
            return "no timestamp"
        if self.max_skew_ms is not None and abs(time.time() * 1000 - int(stamp)) > self.max_skew_ms:
            return "stale timestamp"
        if not hmac.compare_digest(sign, expected_sign(self.secret, stamp)):
            return "bad signature"
        return None

    def stats(self) -> dict[str, int]:
        """What it has taken so far: requests with a key, distinct keys, refusals."""
        with self._lock:
            return {
                "received": len(self.received),
                "accepted": len(self.accepted),
                "rejected": len(self.rejected),
            }

    async def _stats(self, _request: Request) -> JSONResponse:
        """For a receiver in a process of its own (the bench's): its counts."""
        return JSONResponse(self.stats())

    async def _handle(self, request: Request) -> JSONResponse:

        if self.delay:
            await asyncio.sleep(self.delay)
        body = await request.json()
        key = request.headers.get(KEY_HEADER, "")
        with self._lock:
            self._requests += 1
            if self._requests <= self.fail_first:
                return JSONResponse({"errcode": -1, "errmsg": "busy"}, status_code=500)
            problem = self._check_signature(request) or (None if key else "no key")
            if problem is not None:
                self.rejected.append(problem)
                return JSONResponse({"errcode": 310000, "errmsg": problem})
            self.received.append(key)
            if key not in self.accepted:  # a repeat is acknowledged and dropped
                self.accepted[key] = body
            stall = self.stall_after is not None and len(self.accepted) > self.stall_after
        if stall:
            await asyncio.to_thread(self._released.wait)
        return JSONResponse({"errcode": 0, "errmsg": "ok"})


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 / localhost (it is its own CA) and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.crt", directory / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.tls: list[bool] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        data = envelope.original_content or b""
        parsed = message_from_bytes(data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.tls.append(session.ssl is not None)
        return "250 OK"


class SmtpReceiver:
    """An SMTP server on 127.0.0.1 that requires STARTTLS (its certificate in ``ca_file``)."""

    def __init__(self, directory: Path) -> None:
        import ssl

        self.ca_file, key_file = self_signed(directory)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.ca_file, key_file)
        self.mailbox = _Mailbox()
        self.port = free_port()
        self._controller = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=context,
            require_starttls=True,
        )

    @property
    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages

    def start(self) -> SmtpReceiver:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
