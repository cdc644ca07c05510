"""``POST /uploads`` (one file, multipart, part ``file``) and ``GET /uploads/{id}``.

POST: signed in (401), from an allowed Origin (403), multipart/form-data (415), at most
TONGNAN_UPLOAD_MAX_BYTES (413, refused by Content-Length before reading, and while streaming),
the type read from the bytes (415), received within the body timeout (408); answers 201 with
the upload's id, which ``attachEvidence`` attaches. GET: the bytes to whoever may read what the
file is attached to (or its uploader before that); anyone else gets 404 (it is not revealed).
Errors are JSON ``{"error": "<Chinese>"}``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import DomainError, ErrorCode
from tongnan.domain.common.file_store import FileStore
from tongnan.domain.evidence import (
    FileTooLarge,
    UnsupportedFile,
    readable_upload,
    receive_upload,
    too_large,
)
from tongnan.domain.models import Upload
from tongnan.schema.common.ids import MAX_KEY, input_key, to_global_id
from tongnan.server.credentials import Credentials, Refused
from tongnan.server.origin import origin_allowed
from tongnan.server.settings import Settings

log = logging.getLogger(__name__)
SLACK = 64 * 1024  # room for the multipart headers and boundaries around the file
SIGN_IN = "上传或下载佐证材料需要先登录(访问令牌或登录会话)"
BAD_ORIGIN = "请求来自未被允许的网页来源,已拒绝"
NOT_MULTIPART = "请用 multipart/form-data 表单上传文件(文件放在名为 file 的部分)"
NOT_A_FORM = "上传的表单格式不正确,无法读取,请重新选择文件上传"
NO_FILE = "表单里没有名为 file 的文件,请选择要上传的文件"
ONE_FILE = "一次只能上传一个文件,请逐个上传"
TOO_SLOW = "文件在 {seconds} 秒内没有传完,请检查网络后重试"
NOT_FOUND = "找不到这个文件,或您无权查看"


class _TooLarge(Exception):
    pass


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _too_large(limit: int) -> JSONResponse:
    return _error(413, too_large(limit))


async def _actor(request: Request) -> Actor | JSONResponse:
    challenge = {"WWW-Authenticate": 'Bearer realm="tongnan"'}
    credentials: Credentials = request.app.state.credentials
    try:
        identity = await credentials.identify(request.headers, request.cookies)
    except Refused as refused:
        return _error(401, refused.message, **challenge)
    if identity is None:
        return _error(401, SIGN_IN, **challenge)
    return identity.actor


async def _limited(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise _TooLarge
        yield chunk


async def _read_file(request: Request, settings: Settings) -> tuple[str | None, bytes] | Response:
    """The one file part's name and bytes, or the refusal."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        return _error(415, NOT_MULTIPART)
    limit = settings.upload_max_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + SLACK:
        return _too_large(limit)
    parser = MultiPartParser(
        request.headers, _limited(request, limit + SLACK), max_files=1, max_fields=10
    )
    try:
        async with asyncio.timeout(settings.body_timeout_seconds):
            form = await parser.parse()
    except _TooLarge:
        return _too_large(limit)
    except TimeoutError:
        return _error(408, TOO_SLOW.format(seconds=settings.body_timeout_seconds))
    except MultiPartException as exc:
        many = "Too many files" in str(exc)
        return _error(400, ONE_FILE if many else NOT_A_FORM)
    try:
        part = form.get("file")
        if not isinstance(part, UploadFile):
            return _error(400, NO_FILE)
        data = await part.read()
        return part.filename, data
    finally:
        await form.close()


def _answer(upload: Upload) -> dict[str, object]:
    return {
        "id": to_global_id("Upload", upload.id),
        "name": upload.name,
        "size": upload.size,
        "contentType": upload.content_type,
        "sha256": upload.sha256,
    }


async def post_upload(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not origin_allowed(request.headers, settings.allowed_origins):
        return _error(403, BAD_ORIGIN)
    actor = await _actor(request)
    if isinstance(actor, JSONResponse):
        return actor
    read = await _read_file(request, settings)
    if isinstance(read, Response):
        return read
    name, data = read
    store: FileStore = request.app.state.file_store
    now = request.app.state.clock.now()
    try:
        upload = await receive_upload(
            actor, name, data, store, now, max_bytes=settings.upload_max_bytes
        )
    except FileTooLarge as exc:
        return _error(413, exc.message)
    except UnsupportedFile as exc:
        return _error(415, exc.message)
    except DomainError as exc:
        return _error(403 if exc.code is ErrorCode.FORBIDDEN else 400, exc.message)
    return JSONResponse(_answer(upload), status_code=201)


def _key(text: str) -> int | None:
    if text.isdigit():
        return int(text) if 1 <= int(text) <= MAX_KEY else None
    try:
        return input_key(text, "Upload", ("id",))
    except DomainError:
        return None


def content_disposition(upload: Upload) -> str:
    """attachment, with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987)."""
    extension = upload.name.rpartition(".")[2] if "." in upload.name else "bin"
    fallback = f"upload-{upload.id}.{extension}" if extension.isascii() else f"upload-{upload.id}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(upload.name)}"


async def get_upload(request: Request) -> Response:
    actor = await _actor(request)
    if isinstance(actor, JSONResponse):
        return actor
    key = _key(str(request.path_params["id"]))
    upload = None if key is None else await readable_upload(actor, key)
    if upload is None:
        return _error(404, NOT_FOUND)
    store: FileStore = request.app.state.file_store
    data = await store.get(upload.sha256)
    if data is None:
        log.error("upload %s: its content %s is missing from the store", upload.id, upload.sha256)
        return _error(404, NOT_FOUND)
    headers = {
        "Content-Disposition": content_disposition(upload),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "ETag": f'"{upload.sha256}"',
    }
    return Response(data, media_type=upload.content_type, headers=headers)
