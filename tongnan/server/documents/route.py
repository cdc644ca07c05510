"""``GET /documents/{id}.pdf``: an issued document printed from its stored snapshot.

A bearer token or a session cookie is required (401 without). The PDF is rendered off the event
loop by the app's renderer (a process pool with a time limit: 503 when it is too slow) and
cached by content hash; the ETag is that hash, so a client holding the PDF gets 304.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import ErrorCode
from tongnan.domain.common.storage_refusals import as_refusal
from tongnan.domain.documents.context_snapshot import content_hash, load_snapshot
from tongnan.domain.documents.issuing import get_document
from tongnan.domain.models import Document
from tongnan.server.credentials import Credentials, Refused
from tongnan.server.documents.fonts import MissingFonts, check_fonts
from tongnan.server.documents.render import DocumentRenderer, RenderTimeout, templates_digest
from tongnan.server.messages import (
    DOCUMENT_DAMAGED,
    DOCUMENT_NOT_READY,
    DOCUMENT_TOO_SLOW,
)

log = logging.getLogger(__name__)
_STATUS = {ErrorCode.NOT_FOUND: 404, ErrorCode.FORBIDDEN: 403}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(slots=True)
class Printer:
    """The app's renderer, and why documents cannot be printed (missing fonts), if they cannot."""

    renderer: DocumentRenderer
    problem: str | None = None
    warming: asyncio.Task[None] | None = field(default=None, repr=False)


@contextlib.asynccontextmanager
async def start_printer(
    *, time_limit: float, workers: int | None = None, warm_up: bool = False
) -> AsyncIterator[Printer]:
    """For the app's lifespan: a renderer, the fonts checked (a missing font does not stop the
    server: each print request then says which packages to install), workers optionally warmed
    up in the background; stopped on exit."""
    printer = Printer(DocumentRenderer(workers=workers, timeout=time_limit, warm_start=warm_up))
    try:
        await asyncio.to_thread(check_fonts)
    except MissingFonts as exc:
        printer.problem = f"documents cannot be printed: {exc}"
        log.error("%s", printer.problem)
    if warm_up and printer.problem is None:
        printer.warming = asyncio.create_task(printer.renderer.warm_up())
    try:
        yield printer
    finally:
        if printer.warming is not None and not printer.warming.done():
            printer.warming.cancel()
        await asyncio.to_thread(printer.renderer.shutdown)


def pdf_etag(document: Document) -> str:
    """The PDF's content hash: templates, template name and snapshot (the renderer's cache key)."""
    digest = hashlib.sha256()
    for part in (templates_digest(), document.template, document.snapshot):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def content_disposition(document: Document) -> str:
    """inline, with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987)."""
    name = _UNSAFE.sub("_", f"{document.title}（{document.code}）")[:150] + ".pdf"
    return f"inline; filename=\"document-{document.id}.pdf\"; filename*=UTF-8''{quote(name)}"


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def _actor(request: Request) -> Actor | JSONResponse:
    challenge = {"WWW-Authenticate": 'Bearer realm="tongnan"'}
    credentials: Credentials = request.app.state.credentials
    try:
        identity = await credentials.identify(request.headers, request.cookies)
    except Refused as refused:
        return _error(401, refused.message, **challenge)
    if identity is None:
        return _error(401, "打印公文需要先登录或提供访问令牌(Authorization: Bearer …)", **challenge)
    return identity.actor


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


async def document_pdf(request: Request) -> Response:
    actor = await _actor(request)
    if isinstance(actor, JSONResponse):
        return actor
    try:
        document = await get_document(actor, int(request.path_params["id"]))
    except Exception as exc:  # a refusal, or a storage error the id caused (2^31 and more)
        error = as_refusal(exc)
        if error is None:
            raise
        return _error(_STATUS.get(error.code, 400), error.message)
    etag = f'"{pdf_etag(document)}"'
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "Content-Disposition": content_disposition(document),
    }
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    printer: Printer = request.app.state.printer
    if printer.problem is not None:
        return _error(503, DOCUMENT_NOT_READY.format(problem=printer.problem))
    if content_hash(document.template, document.snapshot) != document.content_hash:
        log.error("document %s: the stored snapshot does not match its hash", document.id)
        return _error(500, DOCUMENT_DAMAGED)
    try:
        pdf = await printer.renderer.render(document.template, load_snapshot(document.snapshot))
    except RenderTimeout as exc:
        log.warning("document %s not printed in time: %s", document.id, exc)
        return _error(503, DOCUMENT_TOO_SLOW, **{"Retry-After": "10"})
    return Response(pdf, media_type="application/pdf", headers=headers)
