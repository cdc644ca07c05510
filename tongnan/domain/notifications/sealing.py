"""Channel secrets sealed at rest: AES-256-GCM under a key derived (HMAC-SHA256) from the
server's key, so a copy of the database alone reveals no webhook URL or signing secret.

The server installs its key once at start-up (``install_key``); nothing here reads settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tongnan.domain.common.errors import Invalid

_PURPOSE = b"tongnan notification channel secrets v1"
_AAD = b"tongnan-channel"
_VERSION = "v1:"


class SecretBox:
    """Seal and open small dicts of text with one key."""

    def __init__(self, server_key: bytes) -> None:
        self._aead = AESGCM(hmac.new(server_key, _PURPOSE, hashlib.sha256).digest())

    def seal(self, values: Mapping[str, str]) -> str:
        nonce = os.urandom(12)
        data = json.dumps(dict(values), ensure_ascii=False, sort_keys=True).encode()
        sealed = self._aead.encrypt(nonce, data, _AAD)
        return _VERSION + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, sealed: str) -> dict[str, str]:
        if not sealed.startswith(_VERSION):
            raise ValueError("不是加密保存的值")
        raw = base64.b64decode(sealed[len(_VERSION) :])
        try:
            data = self._aead.decrypt(raw[:12], raw[12:], _AAD)
        except InvalidTag:
            raise ValueError("密钥不符或内容被改动") from None
        opened = json.loads(data)
        return {str(k): str(v) for k, v in opened.items()}


_installed: list[SecretBox] = []


def install_key(server_key: bytes) -> SecretBox:
    """The process's box (the server and the worker install the same key)."""
    _installed[:] = [SecretBox(server_key)]
    return _installed[0]


def secret_box() -> SecretBox:
    if not _installed:
        raise Invalid("服务器尚未配置密钥，暂时不能保存推送渠道的密钥")
    return _installed[0]
