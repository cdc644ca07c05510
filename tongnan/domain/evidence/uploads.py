"""Receiving one uploaded file: who may, the size, the type read from its bytes, the name kept
safe; the bytes put in the file store by content hash (one copy per content), the upload row
written and audited."""

from __future__ import annotations

import datetime as dt

from tongnan.domain.common import audit
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.common.file_store import FileStore, content_hash
from tongnan.domain.common.permissions import require
from tongnan.domain.common.unit_of_work import UnitOfWork
from tongnan.domain.models import Upload
from tongnan.domain.rules.files import ACCEPTED_WORDS, safe_name, sniff


class UnsupportedFile(Invalid):
    """The bytes are of no accepted type (whatever the name says)."""


class EmptyFile(Invalid):
    """Nothing was sent."""


class FileTooLarge(Invalid):
    """Over the size limit."""


def too_large(limit: int) -> str:
    return f"文件超过 {limit // (1024 * 1024) or 1} MB 的上限({limit} 字节),请压缩或拆分后再上传"


def unsupported() -> str:
    return f"不支持这种文件(按文件内容判断,与扩展名无关),请上传 {ACCEPTED_WORDS}"


async def receive_upload(
    actor: Actor,
    sent_name: str | None,
    data: bytes,
    store: FileStore,
    now: dt.datetime,
    *,
    max_bytes: int,
) -> Upload:
    """Store ``data`` as ``actor``'s upload (not yet attached to anything)."""
    require(actor, "upload.create")
    if not data:
        raise EmptyFile("上传的文件是空的(0 字节),请选择有内容的文件", ("file",))
    if len(data) > max_bytes:
        raise FileTooLarge(too_large(max_bytes), ("file",))
    kind = sniff(data)
    if kind is None:
        raise UnsupportedFile(unsupported(), ("file",))
    digest = content_hash(data)
    await store.put(digest, data)  # its own statement: a retry finds the bytes already there
    async with UnitOfWork():  # nothing to announce: no one else sees it yet
        upload = await Upload.create(
            name=safe_name(sent_name, kind),
            size=len(data),
            content_type=kind,
            sha256=digest,
            uploaded_by=actor.name,
            uploader_unit_id=actor.unit_id,
            created_at=now,
        )
        await audit.record(
            actor,
            "upload.created",
            "Upload",
            upload.id,
            None,
            {"name": upload.name, "size": upload.size, "content_type": kind, "sha256": digest},
            now=now,
        )
        return upload
