"""The arguments of ``tongnan render``, kept out of the documents package (it loads WeasyPrint)."""

from __future__ import annotations

import argparse

from tongnan.domain.documents import printable_kinds

KINDS = (*printable_kinds(), "document")


def key(text: str) -> int:
    """A database key, or a global id from the API (base64 of ``ReportingRound:3``)."""
    if text.isdigit():
        return int(text)
    from tongnan.schema.common.ids import from_global_id

    try:
        return from_global_id(text)[1]
    except Exception:
        raise argparse.ArgumentTypeError(f"“{text}”既不是编号，也不是系统给出的 id") from None


def add_render_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "kind", choices=KINDS, help="what to print; 'document' reprints an issued one by --id"
    )
    p.add_argument("-o", "--output", required=True, help="the PDF file (a folder with --all-…)")
    p.add_argument("--plan", help="plan code (default: the current plan)")
    p.add_argument("--round", type=key, help="reporting round (progress-bulletin)")
    p.add_argument("--supervision", type=key, help="supervision (bulletin; narrows a ledger)")
    p.add_argument("--urge", type=key, help="stored urge notice (urge-notice)")
    p.add_argument("--id", type=key, help="issued document to reprint (kind 'document')")
    p.add_argument("--all-urge-notices", action="store_true", help="every urge notice of the plan")
    p.add_argument("--issue", action="store_true", help="issue (number and store) if not issued")
    p.add_argument("--title", help="title of a document issued now (default: made up)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per document")
