"""The browser workbench's files: ``web/dist`` served at ``/`` with a history fallback, and
GraphiQL from local files at ``GET /graphql`` in development.

Hashed files under ``/assets/`` are cached for a year (their names change with their content);
``index.html`` and every other file are revalidated (``no-cache``). A GET of any other path that
accepts HTML gets ``index.html`` (the workbench's router draws the page), except under the
server's own prefixes. Without a build, ``/`` answers a page saying to run ``bin/setup``.
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Paths the workbench never answers with index.html: the server's own routes.
SERVER_PREFIXES = ("/graphql", "/auth", "/uploads", "/documents", "/healthz", "/assets")

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>工作台尚未构建</title></head>
<body style="font-family: 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; margin: 3em;">
<h1>工作台尚未构建</h1>
<p>服务器没有找到工作台的页面文件（{root}）。请在项目目录运行 <code>bin/setup</code>
构建工作台，然后重新启动服务器。</p>
<p>接口仍可使用：<code>/graphql</code>。</p>
</body></html>
"""


def _accepts_html(headers: Headers) -> bool:
    return "text/html" in headers.get("accept", "")


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".")


class Workbench:
    """The ASGI app mounted last, at ``/``: files of the build, else the history fallback."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    @property
    def built(self) -> bool:
        return (self.root / "index.html").is_file()

    def file(self, path: str) -> Path | None:
        """The build's file at a URL path; None when absent or outside the build."""
        relative = path.lstrip("/")
        if not relative or "\x00" in relative:
            return None
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def index(self) -> Response:
        if not self.built:
            return HTMLResponse(
                NOT_BUILT.format(root=self.root),
                status_code=503,
                headers={"Cache-Control": REVALIDATE},
            )
        return FileResponse(self.root / "index.html", headers={"Cache-Control": REVALIDATE})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        response = self.respond(request)
        await response(scope, receive, send)

    def respond(self, request: Request) -> Response:
        path = request.url.path
        if request.method not in {"GET", "HEAD"}:
            return JSONResponse(
                {"error": "不支持的请求方式"}, status_code=405, headers={"Allow": "GET, HEAD"}
            )
        if path in {"/", "/index.html"}:
            return self.index()
        found = self.file(path)
        if found is not None and found.name != "index.html":
            cache = IMMUTABLE if _under(path, "/assets") else REVALIDATE
            return FileResponse(found, headers={"Cache-Control": cache})
        if not any(_under(path, p) for p in SERVER_PREFIXES) and _accepts_html(request.headers):
            return self.index()
        return JSONResponse({"error": "没有这个地址"}, status_code=404)


class GraphiQLPage:
    """``GET /graphql`` from a browser in development: GraphiQL built from local files
    (``dist/graphiql/``); everything else, and every request in production, goes to the API."""

    def __init__(self, api: ASGIApp, workbench: Workbench, *, enabled: bool) -> None:
        self.api = api
        self.workbench = workbench
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.enabled
            and scope["type"] == "http"
            and scope["method"] in {"GET", "HEAD"}
            and _accepts_html(Headers(scope=scope))
        ):
            page = self.workbench.file("/graphiql/index.html")
            response: Response = (
                FileResponse(page, headers={"Cache-Control": REVALIDATE})
                if page is not None
                else HTMLResponse(NOT_BUILT.format(root=self.workbench.root), status_code=503)
            )
            await response(scope, receive, send)
            return
        await self.api(scope, receive, send)


__all__ = ["GraphiQLPage", "Workbench"]
