"""Mail over SMTP (aiosmtplib): STARTTLS when set, a plain-text and an HTML part, the Chinese
subject encoded (RFC 2047) by the standard library, and the idempotency key in the Message-ID
and its own header."""

from __future__ import annotations

import ssl
from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from tongnan.domain.notifications.templates import as_html, as_text
from tongnan.server.notifications.channel import (
    IDEMPOTENCY_HEADER,
    Destination,
    Outgoing,
    SendFailed,
)
from tongnan.server.notifications.config import NotifySettings


def compose(message: Outgoing, sender: str, recipient: str) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = message.title
    mail["From"] = sender
    mail["To"] = recipient
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = f"<{message.key}@tongnan>"
    mail[IDEMPOTENCY_HEADER] = message.key
    args = (message.title, message.body, message.link, message.base_url, message.key)
    mail.set_content(as_text(*args))
    mail.add_alternative(as_html(*args), subtype="html")
    return mail


class Smtp:
    def __init__(self, settings: NotifySettings) -> None:
        self._settings = settings

    async def send(self, message: Outgoing, to: Destination) -> None:
        s = self._settings
        if not s.smtp_host:
            raise SendFailed("未配置邮件服务器(TONGNAN_SMTP_HOST)")
        mail = compose(message, s.smtp_from or f"tongnan@{s.smtp_host}", to.address)
        try:
            await aiosmtplib.send(
                mail,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_user or None,
                password=s.smtp_password or None,
                start_tls=s.smtp_starttls,
                tls_context=ssl.create_default_context(cafile=s.smtp_ca_file)
                if s.smtp_ca_file
                else None,
                timeout=s.send_timeout_seconds,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SendFailed(f"邮件发送失败:{type(exc).__name__}: {exc}"[:300]) from None
