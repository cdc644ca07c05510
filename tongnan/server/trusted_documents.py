"""Trusted documents: the web build's manifest (``web/dist/operations.json``:
``{"<sha256 hex of the document text>": "<document text>"}``), loaded at start.

A POST to /graphql may name its document by ``documentId`` (``"sha256:<hex>"``) instead of
sending its text; an id not in the manifest is a 400. In production a caller signed in by a
session cookie may run only the manifest's documents (API tokens may run any operation within
the limits).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cross_web import HTTPException

DEFAULT_PATH = Path("web/dist/operations.json")
_ID = re.compile(r"sha256:([0-9a-f]{64})")
UNKNOWN_ID = "查询文档编号（documentId）“{id}”不在本服务器的可信查询清单中，请刷新页面后再试"
BAD_ID = "documentId 应写成 sha256:<64位十六进制>"
BOTH = "请只给出 query 或 documentId 之一"
UNTRUSTED = "登录后的网页只能执行工作台自带的查询（可信查询清单中的 documentId），请刷新页面后再试"


class DocumentRefused(HTTPException):
    """A request whose document is unknown or not allowed: a 400 with a GraphQL error."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(400, message)
        self.code = code


class TrustedDocuments:
    """The manifest's documents by their SHA-256 (hex), and the set of their texts."""

    def __init__(self, documents: Mapping[str, str] | None = None) -> None:
        self.documents = dict(documents or {})
        self.texts = frozenset(self.documents.values())

    @classmethod
    def load(cls, setting: str) -> TrustedDocuments:
        """The manifest named by ``TONGNAN_TRUSTED_DOCUMENTS`` (must exist), else the default
        path when present, else none. ValueError (stops the start) for a bad manifest."""
        path = Path(setting) if setting else DEFAULT_PATH
        if not path.is_file():
            if setting:
                raise ValueError(f"TONGNAN_TRUSTED_DOCUMENTS：找不到文件 {path}")
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"可信查询清单 {path} 读不了或不是 JSON：{exc}") from None
        if not isinstance(raw, dict):
            raise ValueError(f"可信查询清单 {path} 应是一个 JSON 对象（编号 → 查询文本）")
        for key, text in raw.items():
            if not isinstance(text, str) or hashlib.sha256(text.encode()).hexdigest() != key:
                raise ValueError(
                    f"可信查询清单 {path}：编号 {key[:16]}… 与其查询文本的 SHA-256 不符"
                )
        return cls(raw)

    def trusts(self, query: str) -> bool:
        return query in self.texts

    def resolve(self, request: dict[str, Any]) -> None:
        """Replace a request's ``documentId`` by the document's text (HTTP 400 when unknown)."""
        if "documentId" not in request:
            return
        document_id = request.pop("documentId")
        if not isinstance(document_id, str) or not (match := _ID.fullmatch(document_id)):
            raise DocumentRefused(BAD_ID, "BAD_DOCUMENT_ID")
        if request.get("query") is not None:
            raise DocumentRefused(BOTH, "BAD_DOCUMENT_ID")
        text = self.documents.get(match.group(1))
        if text is None:
            raise DocumentRefused(UNKNOWN_ID.format(id=document_id[:80]), "UNKNOWN_DOCUMENT")
        request["query"] = text
