"""Finished PDFs by content hash: sha256(templates, template name, canonical context JSON)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tongnan.domain.documents.context_snapshot import canonical_json


def directory_digest(root: Path) -> str:
    """A digest of every file under ``root`` (names and bytes): changes when a template does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(template_name: str, context: Mapping[str, Any], templates: str = "") -> str:
    """sha256 of the templates' digest, the template name and the canonical context."""
    digest = hashlib.sha256()
    for part in (templates, template_name, canonical_json(context)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class PdfCache:
    """A bounded LRU of PDF bytes (by entry count and total size); safe across threads."""

    def __init__(self, max_entries: int = 128, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            pdf = self._items.get(key)
            if pdf is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return pdf

    def put(self, key: str, pdf: bytes) -> None:
        if len(pdf) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = pdf
            self._size += len(pdf)
            while len(self._items) > self.max_entries or self._size > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._size -= len(evicted)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """Total bytes held."""
        return self._size
