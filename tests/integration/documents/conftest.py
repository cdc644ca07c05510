"""Documents fixtures: the seed plan and each document rendered once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.documents import docsamples
from tests.support.pdf import Page, read_pdf
from tests.support.seed import seed_plan
from tongnan.domain.documents import (
    division_table,
    plan_notice,
    progress_bulletin,
    rectification_ledger,
    supervision_bulletin,
    urge_notice,
)
from tongnan.domain.documents.plan_source import PlanSource, plan_source_from_parsed
from tongnan.server.documents.render import render_pdf, shutdown_default_renderer


@pytest.fixture(scope="session", autouse=True)
def _stop_the_shared_renderer() -> Iterator[None]:
    """``render_pdf_async`` starts worker processes: stop them when the session ends."""
    yield
    shutdown_default_renderer()


@pytest.fixture(scope="session")
def seed_source() -> PlanSource:
    return plan_source_from_parsed(seed_plan())


@pytest.fixture(scope="session")
def notice_pages(seed_source: PlanSource) -> list[Page]:
    doc = plan_notice.build_plan_notice(seed_source)
    return read_pdf(render_pdf(plan_notice.TEMPLATE, {"doc": doc}))


@pytest.fixture(scope="session")
def table_pages(seed_source: PlanSource) -> list[Page]:
    doc = division_table.build_division_table(seed_source)
    return read_pdf(render_pdf(division_table.TEMPLATE, {"doc": doc}))


@pytest.fixture(scope="session")
def urge_pages() -> list[Page]:
    return read_pdf(render_pdf(urge_notice.TEMPLATE, {"doc": docsamples.urge_example()}))


@pytest.fixture(scope="session")
def progress_pages() -> list[Page]:
    doc = docsamples.progress_example()
    return read_pdf(render_pdf(progress_bulletin.TEMPLATE, {"doc": doc}))


@pytest.fixture(scope="session")
def supervision_pages() -> list[Page]:
    doc = docsamples.supervision_example()
    return read_pdf(render_pdf(supervision_bulletin.TEMPLATE, {"doc": doc}))


@pytest.fixture(scope="session")
def ledger_pages() -> list[Page]:
    doc = docsamples.ledger_example()
    return read_pdf(render_pdf(rectification_ledger.TEMPLATE, {"doc": doc}))
