"""Official documents (GB/T 9704-2012) as PDF: rendering in a process pool, the PDF cache,
fonts, the HTTP route and the ``render`` command. What a document says is built in
``tongnan.domain.documents``."""

from tongnan.server.documents.catalog import UnknownDocument, render_stored_document
from tongnan.server.documents.fonts import FontReport, MissingFonts, check_fonts
from tongnan.server.documents.render import (
    DocumentRenderer,
    RenderTimeout,
    render_pdf,
    render_pdf_async,
    shutdown_default_renderer,
)

__all__ = [
    "DocumentRenderer",
    "FontReport",
    "MissingFonts",
    "RenderTimeout",
    "UnknownDocument",
    "check_fonts",
    "render_pdf",
    "render_pdf_async",
    "render_stored_document",
    "shutdown_default_renderer",
]
