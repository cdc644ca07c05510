"""Where uploaded files' bytes live, by SHA-256 of their content: a small interface
(``FileStore``: put, get, exists) with two implementations. ``DatabaseFileStore`` (the default)
keeps each content once in the ``stored_blob`` table, so every server process sees it and a
database backup includes it; ``FolderFileStore`` keeps files under a folder. An S3-compatible
store would implement the same three methods.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from tortoise.exceptions import IntegrityError

from tongnan.domain.models import StoredBlob

_HEX = re.compile(r"[0-9a-f]{64}")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(sha256: str) -> str:
    if not _HEX.fullmatch(sha256):
        raise ValueError("文件标识应是64位小写十六进制的 SHA-256")
    return sha256


class FileStore(Protocol):
    """Bytes by the SHA-256 of their content; putting the same content twice keeps one copy."""

    async def put(self, sha256: str, data: bytes) -> None: ...

    async def get(self, sha256: str) -> bytes | None: ...

    async def exists(self, sha256: str) -> bool: ...


class DatabaseFileStore:
    """The default: one ``stored_blob`` row per content."""

    async def put(self, sha256: str, data: bytes) -> None:
        if content_hash(data) != _checked(sha256):
            raise ValueError("文件内容与给定的 SHA-256 不符")
        if await self.exists(sha256):
            return
        with contextlib.suppress(IntegrityError):  # stored meanwhile by another: same bytes
            await StoredBlob.create(
                sha256=sha256, size=len(data), content=data, created_at=dt.datetime.now(dt.UTC)
            )

    async def get(self, sha256: str) -> bytes | None:
        row = await StoredBlob.get_or_none(sha256=_checked(sha256))
        return None if row is None else bytes(row.content)

    async def exists(self, sha256: str) -> bool:
        return await StoredBlob.filter(sha256=_checked(sha256)).exists()


class FolderFileStore:
    """Files under ``root``, as ``root/ab/abcdef…`` (written to a temporary name, then renamed)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / _checked(sha256)[:2] / sha256

    def _write(self, sha256: str, data: bytes) -> None:
        path = self._path(sha256)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _read(self, sha256: str) -> bytes | None:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    async def put(self, sha256: str, data: bytes) -> None:
        if content_hash(data) != _checked(sha256):
            raise ValueError("文件内容与给定的 SHA-256 不符")
        await asyncio.to_thread(self._write, sha256, data)

    async def get(self, sha256: str) -> bytes | None:
        return await asyncio.to_thread(self._read, sha256)

    async def exists(self, sha256: str) -> bool:
        return await asyncio.to_thread(self._path(sha256).exists)


def parse_store(spec: str) -> FileStore:
    """``db`` (the default) or ``folder:/path`` (TONGNAN_UPLOAD_STORE); ValueError otherwise."""
    spec = spec.strip()
    if spec in ("", "db"):
        return DatabaseFileStore()
    kind, _, where = spec.partition(":")
    if kind == "folder" and where.strip():
        return FolderFileStore(Path(where.strip()))
    raise ValueError(f"TONGNAN_UPLOAD_STORE 只能是 db 或 folder:/文件夹路径，现在是“{spec}”")
