"""The only URL fetcher WeasyPrint gets: files under tongnan/templates/, nothing else."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"

log = logging.getLogger(__name__)


class FetchRefused(ValueError):
    """A document asked for a resource outside the templates directory (or over the network)."""


class TemplateFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``file:`` URLs of files under ``root``; refuse every other URL.

    No network (http, https, ftp), no data: URLs, no file outside ``root`` (symlinks and ``..``
    are resolved first). WeasyPrint reports a refused resource and renders without it.
    """

    def __init__(self, root: Path = TEMPLATES_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()

    def resolve(self, url: str) -> Path:
        """The file ``url`` names, if it may be served; raise FetchRefused otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(f"refused {url!r}: only template files may be loaded")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused {url!r}: remote file URL")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchRefused(f"refused {url!r}: not a file under {self.root}")
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            path = self.resolve(url)
        except FetchRefused:
            log.warning("document resource refused: %s", url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), {"Content-Type": content_type}, 200
        )
