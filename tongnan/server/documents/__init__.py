"""Official documents (GB/T 9704-2012) as PDF: context builders, templates, rendering."""

from tongnan.server.documents.catalog import (
    STORED_DOCUMENTS,
    UnknownDocument,
    render_stored_document,
)
from tongnan.server.documents.fonts import FontReport, MissingFonts, check_fonts
from tongnan.server.documents.render import (
    DocumentRenderer,
    RenderTimeout,
    render_pdf,
    render_pdf_async,
    shutdown_default_renderer,
)

__all__ = [
    "STORED_DOCUMENTS",
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
