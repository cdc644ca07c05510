"""The one registry of document kinds: what the API, the CLI and the printer are offered."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tongnan.domain.documents import KINDS, PLAN_DOCUMENTS, DocumentKind, printable_kinds
from tongnan.server.render_args import add_render_arguments

TEMPLATES = Path(__file__).resolve().parents[2] / "tongnan" / "templates"


def test_every_issued_kind_of_the_api_has_a_preparer() -> None:
    assert set(KINDS) == set(DocumentKind)


def test_plan_documents_and_issued_kinds_do_not_share_a_name() -> None:
    assert not set(PLAN_DOCUMENTS) & set(KINDS)
    assert printable_kinds() == (*PLAN_DOCUMENTS, *KINDS)


@pytest.mark.parametrize("kind", sorted(PLAN_DOCUMENTS))
def test_each_plan_document_has_its_template(kind: str) -> None:
    document = PLAN_DOCUMENTS[kind]
    assert document.kind == kind
    assert (TEMPLATES / document.template).is_file()


def _render_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_render_arguments(parser)
    return parser


@pytest.mark.parametrize("kind", [*printable_kinds(), "document"])
def test_the_render_command_offers_every_kind_in_the_registry(kind: str) -> None:
    args = _render_parser().parse_args([kind, "-o", "out.pdf"])
    assert args.kind == kind


def test_the_render_command_refuses_a_kind_the_registry_does_not_know() -> None:
    with pytest.raises(argparse.ArgumentError):
        _render_parser().parse_args(["ledger", "-o", "out.pdf"])
